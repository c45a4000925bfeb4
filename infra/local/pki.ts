// A local certificate authority and the leaf certificates the local stack needs: one for the
// broker, one per bridge (CN = thing name, like an AWS IoT thing certificate) and one for ingest.
//
// Why the `openssl` CLI and not a library: OpenSSL 3 ships with Debian (and every CI image we use),
// its output is exactly what Mosquitto, aws-crt (s2n) and Node's TLS parse every day, and it keeps
// ~60 lines of PKI code free of a crypto dependency. We spawn it with execFile (no shell), and
// write private keys ourselves so their mode is 0600 regardless of umask. `@peculiar/x509` would
// remove the CLI dependency but not be needed anywhere else.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INGEST_COMMON_NAME, BROKER_COMMON_NAME, SHADOW_SERVICE_COMMON_NAME, isValidThingName } from './identity.ts';

export const CA_COMMON_NAME = 'Seedline Local CA';

export interface CertPaths {
  cert: string;
  key: string;
}

export interface PkiPaths {
  dir: string;
  ca: CertPaths;
  broker: CertPaths;
  ingest: CertPaths;
  shadowService: CertPaths;
  thing: (thingName: string) => CertPaths;
}

export function pkiPaths(dir: string): PkiPaths {
  const pair = (base: string): CertPaths => ({ cert: `${base}.crt`, key: `${base}.key` });
  return {
    dir,
    ca: pair(path.join(dir, 'ca')),
    broker: pair(path.join(dir, 'broker')),
    ingest: pair(path.join(dir, 'ingest')),
    shadowService: pair(path.join(dir, 'shadow-service')),
    thing: (thingName) => {
      if (!isValidThingName(thingName)) throw new Error(`not a valid thing name: ${JSON.stringify(thingName)}`);
      return pair(path.join(dir, 'things', thingName));
    },
  };
}

export interface EnsurePkiOptions {
  dir: string;
  things: readonly string[];
  /** Replace an existing CA (and so every certificate it signed). */
  force?: boolean;
  /** Validity of leaf certificates; the CA gets ten years. */
  leafDays?: number;
}

export interface EnsurePkiResult {
  paths: PkiPaths;
  /** Files written by this call (certificates and keys), for reporting. */
  created: string[];
}

/** Creates whatever is missing under `dir`. Never replaces an existing CA unless `force`. */
export async function ensurePki(options: EnsurePkiOptions): Promise<EnsurePkiResult> {
  const invalid = options.things.filter((t) => !isValidThingName(t));
  if (invalid.length > 0) throw new Error(`not valid thing names: ${invalid.join(', ')}`);
  const paths = pkiPaths(options.dir);
  const leafDays = options.leafDays ?? 825;
  const created: string[] = [];
  await mkdir(path.join(options.dir, 'things'), { recursive: true, mode: 0o700 });

  const caCertExists = await exists(paths.ca.cert);
  const caKeyExists = await exists(paths.ca.key);
  if (caCertExists !== caKeyExists && !options.force) {
    throw new Error(`incomplete CA in ${options.dir} (certificate and key must both exist); use --force to replace it`);
  }
  const newCa = options.force === true || !caCertExists;
  if (newCa) {
    await createCa(paths.ca);
    created.push(paths.ca.cert, paths.ca.key);
  }

  const leaves: { paths: CertPaths; commonName: string; profile: LeafProfile }[] = [
    { paths: paths.broker, commonName: BROKER_COMMON_NAME, profile: 'server' },
    { paths: paths.ingest, commonName: INGEST_COMMON_NAME, profile: 'client' },
    { paths: paths.shadowService, commonName: SHADOW_SERVICE_COMMON_NAME, profile: 'client' },
    ...options.things.map((t) => ({ paths: paths.thing(t), commonName: t, profile: 'client' as const })),
  ];
  for (const leaf of leaves) {
    // A new CA invalidates every certificate signed by the old one.
    if (!newCa && (await exists(leaf.paths.cert)) && (await exists(leaf.paths.key))) continue;
    await createLeaf(paths.ca, leaf.paths, leaf.commonName, leaf.profile, leafDays);
    created.push(leaf.paths.cert, leaf.paths.key);
  }
  return { paths, created };
}

type LeafProfile = 'server' | 'client';

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** Creates a self-signed CA (EC P-256). Exported for tests that need a second, untrusted CA. */
export async function createCa(ca: CertPaths, commonName = CA_COMMON_NAME): Promise<void> {
  await withConfig(async (config) => {
    await writeKey(ca.key);
    const certificate = await openssl([
      'req', '-x509', '-new', '-key', ca.key, '-subj', `/CN=${commonName}`, '-days', '3650',
      '-config', config, '-extensions', 'ca', '-set_serial', serial(),
    ]); // prettier-ignore
    await writeFile(ca.cert, certificate, { mode: 0o644 });
  });
}

/** Creates a key and a certificate signed by `ca`. `commonName` must be a plain name (no `/`). */
export async function createLeaf(
  ca: CertPaths,
  leaf: CertPaths,
  commonName: string,
  profile: LeafProfile,
  days = 825,
): Promise<void> {
  if (!/^[A-Za-z0-9:_.-]+$/.test(commonName)) throw new Error(`unsafe common name: ${JSON.stringify(commonName)}`);
  await mkdir(path.dirname(leaf.cert), { recursive: true, mode: 0o700 });
  await withConfig(async (config) => {
    await writeKey(leaf.key);
    const csr = await openssl(['req', '-new', '-key', leaf.key, '-subj', `/CN=${commonName}`, '-config', config]);
    const certificate = await openssl(
      ['x509', '-req', '-CA', ca.cert, '-CAkey', ca.key, '-set_serial', serial(), '-days', String(days),
        '-extfile', config, '-extensions', profile], // prettier-ignore
      csr,
    );
    await writeFile(leaf.cert, certificate, { mode: 0o644 });
  });
}

async function writeKey(file: string): Promise<void> {
  const key = await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
  await writeFile(file, key, { mode: 0o600 });
  // writeFile's mode only applies to new files; an existing key file keeps its own mode otherwise.
  await chmod(file, 0o600);
}

async function withConfig<T>(use: (configFile: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seedline-openssl-'));
  try {
    const file = path.join(dir, 'openssl.cnf');
    await writeFile(file, OPENSSL_CONFIG);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const serial = () => `0x${randomBytes(16).toString('hex').replace(/^./, '1')}`;

/** Runs `openssl` without a shell; rejects with its stderr when it fails. */
export function openssl(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.env.SEEDLINE_OPENSSL ?? 'openssl',
      args,
      { encoding: 'utf8', env: { ...process.env, OPENSSL_CONF: '/dev/null' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`openssl ${args[0]} failed: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
    // openssl may exit before reading its input (most commands take none): the EPIPE that follows
    // would be an unhandled 'error' event and kill the process. Its exit status tells the story.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The broker's TLS material as Node's TLS server takes it: our CA (for client certificates), its certificate and key. */
export async function brokerTls(paths: PkiPaths): Promise<{ ca: Buffer; cert: Buffer; key: Buffer }> {
  const [ca, cert, key] = await Promise.all([
    readFile(paths.ca.cert),
    readFile(paths.broker.cert),
    readFile(paths.broker.key),
  ]);
  return { ca, cert, key };
}

export async function readPem(paths: CertPaths): Promise<{ cert: string; key: string }> {
  return { cert: await readFile(paths.cert, 'utf8'), key: await readFile(paths.key, 'utf8') };
}
