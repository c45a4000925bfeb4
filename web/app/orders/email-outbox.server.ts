import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@seedline/db';
import nodemailer from 'nodemailer';

// The email outbox: messages are rows first (OutgoingEmail), then a worker hands them to a
// transport — SMTP when SMTP_URL is set, otherwise a local preview (.eml files in the mail folder).
// A failed send is tried again later with a growing wait; after MAX_ATTEMPTS it is marked FAILED
// and logged (no back-office page lists those yet). Nothing is lost while the mail server is down.

export type MailTransport = {
  /** Shown in logs: "smtp://host" (never the credentials) or "preview /path". */
  name: string;
  send(message: { to: string; subject: string; raw: string }): Promise<void>;
};

export const MAX_ATTEMPTS = 8;
/** Wait before attempt n + 1 (after n failures): 1 min, 2, 4 … capped at 2 h. */
export function retryDelayMs(failures: number): number {
  return Math.min(2 * 3_600_000, 60_000 * 2 ** Math.max(0, failures - 1));
}

/** SMTP through nodemailer; the raw message goes as it is (it carries its own headers). */
export function smtpTransport(url: string, from = 'no-reply@seedline.local'): MailTransport {
  // Bounded well inside the outbox's lease (LEASE_MS): nodemailer's own socket timeout is 10 minutes.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const where = new URL(url);
  return {
    name: `${where.protocol}//${where.host}`,
    async send({ to, raw }) {
      await transporter.sendMail({ envelope: { from, to: [to] }, raw });
    },
  };
}

/** Writes each message as an .eml file: what SMTP would send, to read locally. */
export function previewTransport(dir: string): MailTransport {
  return {
    name: `preview ${dir}`,
    async send({ subject, raw }) {
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString()}-${subject}`.replace(/[^\w.@-]+/g, '-');
      const file = path.join(dir, `${name}.eml`);
      await fs.writeFile(file, raw, { mode: 0o600 });
    },
  };
}

export async function enqueueEmail(
  db: Db,
  message: { orderId?: string; to: string; subject: string; raw: string },
  now = new Date(),
): Promise<string> {
  const row = await db.outgoingEmail.create({ data: { ...message, nextAttemptAt: now }, select: { id: true } });
  return row.id;
}

/** Many messages in one statement (a recall tells hundreds of buyers in its transaction). */
export async function enqueueEmails(
  db: Db,
  messages: readonly { orderId?: string; to: string; subject: string; raw: string }[],
  now = new Date(),
): Promise<number> {
  const { count } = await db.outgoingEmail.createMany({ data: messages.map((m) => ({ ...m, nextAttemptAt: now })) });
  return count;
}

export type DeliveryResult = { sent: number; retrying: number; failed: number };

/**
 * While one worker sends a message, it is not due for any other: the claim moves its next attempt
 * this far ahead (a lease, not a lock held across the send). Longer than a send can take (the SMTP
 * timeouts below), so a slow server never makes two workers send one message; a worker killed
 * mid-send leaves the message to be claimed again when the lease runs out.
 */
export const LEASE_MS = 5 * 60_000;

type ClaimedEmail = { id: string; to: string; subject: string; raw: string; attempts: number; createdAt: Date };

/**
 * Claims up to `limit` due messages for this worker, in one statement: `FOR UPDATE SKIP LOCKED`
 * skips rows another worker is claiming at that instant, and the lease keeps them from being due
 * again (as notify/outbox.server.ts claims notices). Oldest first.
 */
export async function claimDueEmails(db: Db, now: Date, limit: number): Promise<ClaimedEmail[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const rows = await db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutgoingEmail" AS e SET "nextAttemptAt" = ${lease}
    WHERE e."id" IN (
      SELECT "id" FROM "OutgoingEmail"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "createdAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING e."id", e."to", e."subject", e."raw", e."attempts", e."createdAt"`;
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

/**
 * Sends what is due, oldest first, one at a time (a mail server is no place for a burst). Once
 * `stop` says so, the message in hand is finished and the rest of the claim is handed back.
 */
export async function deliverDueEmails(
  db: Db,
  transport: MailTransport,
  now = new Date(),
  limit = 20,
  stop: () => boolean = () => false,
): Promise<DeliveryResult> {
  const claimed = await claimDueEmails(db, now, limit);
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const [index, email] of claimed.entries()) {
    if (stop()) {
      const rest = claimed.slice(index).map((e) => e.id);
      await db.outgoingEmail.updateMany({
        where: { id: { in: rest }, status: 'PENDING' },
        data: { nextAttemptAt: now },
      });
      break;
    }
    result[await deliverOne(db, transport, email, now)] += 1;
  }
  return result;
}

async function deliverOne(
  db: Db,
  transport: MailTransport,
  email: ClaimedEmail,
  now: Date,
): Promise<keyof DeliveryResult> {
  const attempts = email.attempts + 1;
  try {
    await transport.send(email);
    await db.outgoingEmail.update({
      where: { id: email.id },
      data: { status: 'SENT', sentAt: new Date(), attempts, lastError: null },
    });
    return 'sent';
  } catch (error) {
    const gaveUp = attempts >= MAX_ATTEMPTS;
    await db.outgoingEmail.update({
      where: { id: email.id },
      data: {
        attempts,
        lastError: (error as Error).message.slice(0, 500),
        ...(gaveUp ? { status: 'FAILED' } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
      },
    });
    return gaveUp ? 'failed' : 'retrying';
  }
}

export type EmailOutbox = {
  kick(): void;
  /** No more rounds; resolves once the message in hand is sent (the rest of its claim is handed back). */
  stop(): Promise<void>;
};

const batchSize = 20;

/** Delivers on a timer and when kicked (right after a message is queued). */
export function startEmailOutbox(options: {
  db: Db;
  transport: MailTransport;
  everyMs?: number;
  log?: (line: string) => void;
}): EmailOutbox {
  const log = options.log ?? ((line: string) => console.log(line));
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDueEmails(options.db, options.transport, new Date(), batchSize, () => stopped)
      .then((r) => {
        if (r.sent || r.retrying || r.failed)
          log(`Email outbox (${options.transport.name}): ${r.sent} sent, ${r.retrying} to retry, ${r.failed} given up`);
        // A full batch may have more behind it (a recall tells hundreds of buyers): go on now.
        if (r.sent + r.retrying + r.failed >= batchSize) again = true;
      })
      .catch((error: unknown) => console.error('The email outbox failed', error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.everyMs ?? 30_000);
  timer.unref();
  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

// The running outbox of this server, so a request that queues a message can have it sent now.
const key = Symbol.for('seedline.emailOutbox');
type Holder = { [key]?: EmailOutbox };

export function setEmailOutbox(outbox: EmailOutbox | undefined): void {
  (globalThis as Holder)[key] = outbox;
}

export function kickEmailOutbox(): void {
  (globalThis as Holder)[key]?.kick();
}

/** Where a web process without the worker role wakes the workers' outboxes (they LISTEN: web/server/roles.ts). */
export const EMAIL_KICK_CHANNEL = 'seedline_email_kick';

/** The kick of a process that sends no email itself: a NOTIFY that wakes the worker processes' outboxes. */
export function notifyingOutbox(db: Db): EmailOutbox {
  return {
    kick: () =>
      void db.$executeRaw`SELECT pg_notify(${EMAIL_KICK_CHANNEL}, '')`.catch((error: unknown) =>
        // Only the wake-up is lost: the workers' next round (30 s) sends the message.
        console.error('Waking the email outbox failed', error),
      ),
    stop: async () => undefined,
  };
}
