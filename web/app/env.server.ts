import os from 'node:os';
import { z } from 'zod';

// One message for every way a port can be wrong: zod's own for "abc" would say "received NaN".
const portMessage = 'must be a port number from 1 to 65535';
const port = z.coerce.number({ error: portMessage }).int(portMessage).min(1, portMessage).max(65535, portMessage);

/** The parts of the system one process runs (web/server/roles.ts). */
export const ROLES = ['web', 'ingest', 'worker'] as const;
export type Role = (typeof ROLES)[number];

const splitRoles = (list: string) => list.split(',').map((role) => role.trim());
const roleList = z
  .string()
  .refine((list) => splitRoles(list).every((role) => (ROLES as readonly string[]).includes(role)), {
    error: `must be a comma list of ${ROLES.join(', ')}`,
  })
  .transform(splitRoles)
  .pipe(z.array(z.enum(ROLES)).transform((roles) => [...new Set(roles)]));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  /** The address the web server listens on: this machine only unless told (0.0.0.0 in a container). */
  HOST: z.string().trim().min(1).optional(),
  /**
   * Web processes serving HTTP (web/server/cluster.ts): default one per core in production on
   * PostgreSQL, else 1. The embedded database (PGlite) has one process, always.
   */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * What this process runs, a comma list of web (HTTP), ingest (MQTT into the database) and worker
   * (outboxes, sweeps, retention, roll-ups). Unset: all three, as `npm start` runs them.
   */
  SEEDLINE_ROLES: roleList.optional(),
  /**
   * Ingest's MQTT client id, also its persistent session's key (default seedline-ingest). Each
   * ingest process needs its own: a broker drops a connection when another opens with its id.
   */
  INGEST_CLIENT_ID: z.string().trim().min(1).max(128).optional(),
  /**
   * Ingest processes that share the bridges' traffic: each subscribes as a member of this MQTT
   * shared-subscription group ($share/<group>/…), so the broker hands each message to one of them
   * (decision 034). Unset: this ingest receives everything.
   */
  INGEST_SHARE_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (at most 64)')
    .optional(),
  /**
   * A name for this web process, sent with every answer as X-Seedline-Instance: which copy behind
   * a load balancer answered (`npm run start:cluster` names its two). Unset: no such header.
   */
  SEEDLINE_INSTANCE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _, . and - only (at most 64)')
    .optional(),
  /** Proxies in front of the server (a load balancer: 1) whose X-Forwarded-For names the client. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).optional(),
  /** 1: the demo accounts loaded into an empty database log in with the published demo password. */
  SEEDLINE_DEMO_LOGINS: z.enum(['0', '1']).optional(),
  /** The public address of the shop: Digital Link URIs on pack labels are built on it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs session cookies. Required with DATABASE_URL; generated and kept locally otherwise. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Folder for files the app keeps (listing photo originals and their sized variants). */
  SEEDLINE_DATA_DIR: z.string().trim().min(1).optional(),
  /**
   * The S3 bucket for the photos instead of the data folder, shared by every web process
   * (decision 037). Region and credentials from the AWS SDK's usual chain (AWS_REGION, task role).
   */
  SEEDLINE_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lowercase letters, digits, . and -)')
    .optional(),
  /** Another S3-compatible address for that bucket (a local fake, MinIO), reached path-style. */
  SEEDLINE_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * Live ingest from the MQTT broker (AWS IoT Core, or the local aedes broker): its host, port and
   * the ingest certificate, key and CA (PEM files). All of endpoint, cert, key and CA, or none;
   * the port defaults to 8883.
   */
  INGEST_MQTT_ENDPOINT: z.string().min(1).optional(),
  INGEST_MQTT_PORT: port.optional(),
  INGEST_CERT: z.string().min(1).optional(),
  INGEST_KEY: z.string().min(1).optional(),
  INGEST_CA: z.string().min(1).optional(),
  /**
   * The local broker's CA folder (ca.crt, ca.key, as `npm start` or `npm run certs` make them): with
   * it, the co-op's greenhouse page issues a bridge's certificate and config file. Unset on AWS,
   * where `npm run provision` does (coop/provision.server.ts).
   */
  LOCAL_PKI_DIR: z.string().trim().min(1).optional(),
  /** The address and port a bridge's config file names for the local broker (default: ingest's, or 127.0.0.1:8883). */
  LOCAL_MQTT_ENDPOINT: z.string().trim().min(1).optional(),
  LOCAL_MQTT_PORT: port.optional(),
  /** Days raw readings are kept (default 90); hourly roll-ups, runs and alarms are kept for ever. */
  INGEST_RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  /** Card payments through Stripe: the secret key and the webhook signing secret, both or none. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Another address for Stripe's API (a local fake in tests), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  /** Minutes a checkout holds the units while the buyer pays by card (default 15). */
  SEEDLINE_RESERVATION_MINUTES: z.coerce.number().int().min(1).max(1440).optional(),
  /** Hours a bank-transfer order holds its units until staff see the money arrive (default 24). */
  SEEDLINE_TRANSFER_HOLD_HOURS: z.coerce.number().int().min(1).max(168).optional(),
  /** The cooperative's account for bank transfers (VietQR): the bank's NAPAS BIN and the account number. */
  VIETQR_BANK_BIN: z
    .string()
    .regex(/^\d{6}$/, 'must be the 6-digit NAPAS bank BIN')
    .optional(),
  VIETQR_ACCOUNT: z
    .string()
    .regex(/^[0-9A-Za-z]{1,19}$/, 'must be 1–19 letters or digits')
    .optional(),
  /** Order emails through this SMTP server (smtp:// or smtps://, credentials in the URL); unset: .eml previews. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The envelope sender for SMTP. */
  MAIL_FROM: z.email().optional(),
  /** Web Push: the VAPID key pair (base64url, as `web-push generate-vapid-keys` prints), both or none. */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters)')
    .optional(),
  /** Who runs the push sender, for push services: a mailto: or https: URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'must be a mailto: or https:// URL')
    .optional(),
  /** Zalo ZNS template messages: the Official Account's access token and the approved template's id, both or none. */
  ZALO_ZNS_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  ZALO_ZNS_TEMPLATE_ID: z.string().trim().min(1).optional(),
  /** Another address for Zalo's API (a local fake in tests). */
  ZALO_ZNS_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  /** Hours between reminders of an alarm that stays open and unacknowledged (default 4). */
  SEEDLINE_ALARM_REMINDER_HOURS: z.coerce.number().min(0.25).max(168).optional(),
});

const INGEST_VARIABLES = ['INGEST_MQTT_ENDPOINT', 'INGEST_CERT', 'INGEST_KEY', 'INGEST_CA'] as const;
/** Settings of live ingest: of no use without it. */
const INGEST_SETTINGS = [
  'INGEST_MQTT_PORT',
  'INGEST_RAW_RETENTION_DAYS',
  'INGEST_CLIENT_ID',
  'INGEST_SHARE_GROUP',
] as const;

export type IngestEnv = {
  endpoint: string;
  port: number;
  certPath: string;
  keyPath: string;
  caPath: string;
  clientId?: string;
  shareGroup?: string;
};

/**
 * A member of a share group without a client id of its own takes one from its host's name: the
 * copies of a service (tasks, containers) share their environment but not their host, and a
 * broker drops a connection when another opens with its id.
 */
function memberClientId(shareGroup: string | undefined, clientId: string | undefined): string | undefined {
  if (clientId || !shareGroup) return clientId;
  return `seedline-ingest-${os.hostname().replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 128);
}

/** The live ingest settings, or null when none of its variables is set. */
export function ingestEnv(parsed: z.infer<typeof schema>): IngestEnv | null {
  const { INGEST_MQTT_ENDPOINT: endpoint, INGEST_CERT: certPath, INGEST_KEY: keyPath, INGEST_CA: caPath } = parsed;
  if (endpoint && certPath && keyPath && caPath) {
    const shareGroup = parsed.INGEST_SHARE_GROUP;
    const clientId = memberClientId(shareGroup, parsed.INGEST_CLIENT_ID);
    return {
      endpoint,
      port: parsed.INGEST_MQTT_PORT ?? 8883,
      certPath,
      keyPath,
      caPath,
      ...(clientId && { clientId }),
      ...(shareGroup && { shareGroup }),
    };
  }
  return null;
}

export type Env = z.infer<typeof schema> & { PUBLIC_URL: string; SESSION_SECRET: string };

/**
 * A shop on a real database (DATABASE_URL) in production is public: its cookies must be Secure and
 * browsers told to use https only, which needs an https PUBLIC_URL. Refuses to start otherwise.
 */
export function assertSafeForProduction(parsed: z.infer<typeof schema>, database: 'postgres' | 'pglite'): void {
  if (parsed.NODE_ENV !== 'production' || database !== 'postgres') return;
  if (!parsed.PUBLIC_URL?.startsWith('https://')) {
    throw new EnvError(
      'PUBLIC_URL must be the https:// address of the shop in production (NODE_ENV=production with DATABASE_URL)',
    );
  }
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the web app's variables once at start; a bad one stops the server with its name. */
export function parseEnv(source: NodeJS.ProcessEnv): z.infer<typeof schema> {
  const blankToUndefined = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  }
  // Live ingest: all or nothing, so a typo does not silently leave the database without telemetry.
  const set = INGEST_VARIABLES.filter((name) => parsed.data[name] !== undefined);
  if (set.length > 0 && set.length < INGEST_VARIABLES.length) {
    const missing = INGEST_VARIABLES.filter((name) => parsed.data[name] === undefined);
    throw new EnvError(`${missing.join(', ')} must be set with ${set.join(', ')} (live ingest needs all of them)`);
  }
  // ...and a setting of it without it is said, rather than silently ignored.
  // (A worker process alone prunes raw readings without ingest's link: retention is its setting too.)
  const workerAlone = parsed.data.SEEDLINE_ROLES?.includes('worker') && !parsed.data.SEEDLINE_ROLES.includes('ingest');
  const settings = INGEST_SETTINGS.filter(
    (name) => parsed.data[name] !== undefined && !(workerAlone && name === 'INGEST_RAW_RETENTION_DAYS'),
  );
  if (set.length === 0 && settings.length > 0) {
    throw new EnvError(`${settings.join(', ')} set without live ingest (${INGEST_VARIABLES.join(', ')})`);
  }
  // Card payments: a key without the webhook secret would take money the shop never hears about.
  if (Boolean(parsed.data.STRIPE_SECRET_KEY) !== Boolean(parsed.data.STRIPE_WEBHOOK_SECRET)) {
    throw new EnvError(
      'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together (or neither: no card payments)',
    );
  }
  if (parsed.data.SEEDLINE_S3_ENDPOINT && !parsed.data.SEEDLINE_S3_BUCKET) {
    throw new EnvError('SEEDLINE_S3_ENDPOINT set without SEEDLINE_S3_BUCKET (the bucket to keep photos in)');
  }
  if (Boolean(parsed.data.VIETQR_BANK_BIN) !== Boolean(parsed.data.VIETQR_ACCOUNT)) {
    throw new EnvError('VIETQR_BANK_BIN and VIETQR_ACCOUNT must be set together');
  }
  if (Boolean(parsed.data.VAPID_PUBLIC_KEY) !== Boolean(parsed.data.VAPID_PRIVATE_KEY)) {
    throw new EnvError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set together (or neither: generated once)');
  }
  if (Boolean(parsed.data.ZALO_ZNS_ACCESS_TOKEN) !== Boolean(parsed.data.ZALO_ZNS_TEMPLATE_ID)) {
    throw new EnvError('ZALO_ZNS_ACCESS_TOKEN and ZALO_ZNS_TEMPLATE_ID must be set together (or neither: no Zalo)');
  }
  return parsed.data;
}

const key = Symbol.for('seedline.env');
type Holder = { [key]?: Env };

export function setEnv(env: Env): void {
  (globalThis as Holder)[key] = env;
}

export function env(): Env {
  const value = (globalThis as Holder)[key];
  if (!value) throw new Error('the environment was not parsed: start the app through web/server');
  return value;
}
