// A Mosquitto broker for tests, set up like the embedded aedes broker (broker.ts) and AWS IoT
// Core: mutual TLS, a client is who its certificate's CN says, per-thing topic rules from acl.ts.
// It runs /usr/sbin/mosquitto (Debian's 2.0.11) as a child process on a free port, with its config,
// ACL file and persistence in a fresh temporary folder, and can be stopped and started again on
// the same port with the same persistence (sessions, subscriptions and queued QoS 1 messages).
//
// What Mosquitto does NOT enforce that aedes and AWS IoT Core do (each checked against 2.0.11):
// - Client id = thing name. Mosquitto takes any client id from any certificate: a device with
//   thing A's certificate may connect as client id "B" and so take over (disconnect) B's session.
//   Its topics still follow its certificate (the ACL goes by user name = CN, not by client id).
//   `use_username_as_clientid` would close that gap by replacing every client id with the CN, but
//   then all ingest connections would share one session (`seedline-ingest-<suffix>` ids would no
//   longer be separate), so it is not used.
// - A refused publish is not a protocol error. MQTT 3.1.1 has no negative PUBACK: Mosquitto acks a
//   QoS 1 publish it refused (its log says "Denied PUBLISH" and "PUBACK ... rc135", but a 3.1.1
//   PUBACK carries no code), drops it, and keeps the connection. aedes and AWS IoT Core close it.
// - A refused subscription is not refused either: the SUBACK grants QoS 1 to any filter, and the
//   read rules are applied to each message as it is delivered (aedes answers 0x80).
// - `pattern` lines apply to every user, so the ingest and shadow principals also get a device's
//   topics under their own names (`dt/seedline/seedline-ingest/...`), and `+` in a rule matches
//   any level, not only valid thing names. Harmless: those names are reserved, never thing names,
//   and ingest stores nothing for a thing it does not know.
// - No 128 KB payload limit (AWS IoT Core's): ingest refuses oversized messages itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { INGEST_COMMON_NAME, SHADOW_SERVICE_COMMON_NAME } from './identity.ts';

export interface MosquittoOptions {
  /** PEM files: the CA that signs client certificates, and the broker's own certificate and key. */
  tls: { caPath: string; certPath: string; keyPath: string };
  /** A fixed port; a free one is picked when omitted. */
  port?: number;
  binary?: string;
  /** How long to wait for the broker to accept TLS connections. */
  startTimeoutMs?: number;
}

export interface RunningMosquitto {
  port: number;
  /** The temporary folder with the config, the ACL file and the persistence database. */
  dir: string;
  /** Mosquitto's log so far (its most recent lines), for assertions and failure reports. */
  log(): string;
  /** Stops the broker (SIGTERM: it saves its persistence database first); the port stays reserved for start(). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same persistence; resolves once it accepts TLS connections. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

const SHADOW = (thing: string) => `$aws/things/${thing}/shadow/name/irrigation`;

const REQUESTS = ['get', 'update'];
const ANSWERS = [
  'get/accepted',
  'get/rejected',
  'update/accepted',
  'update/rejected',
  'update/delta',
  'update/documents',
];

/**
 * The ACL file for `use_identity_as_username`: the rules of acl.ts in Mosquitto's terms (`%u` is
 * the certificate's CN). mosquitto.test.ts checks the two agree.
 */
export function mosquittoAcl(): string {
  return [
    '# Devices: their own thing name only (%u is the certificate CN).',
    'pattern write dt/seedline/%u/telemetry',
    'pattern write dt/seedline/%u/events',
    ...REQUESTS.map((op) => `pattern write ${SHADOW('%u')}/${op}`),
    'pattern read dt/seedline/%u/#',
    `pattern read ${SHADOW('%u')}/#`,
    '',
    "# Ingest: every thing's telemetry, events and irrigation shadow; shadow requests for any thing.",
    `user ${INGEST_COMMON_NAME}`,
    'topic read dt/seedline/+/telemetry',
    'topic read dt/seedline/+/events',
    `topic read ${SHADOW('+')}/#`,
    ...REQUESTS.map((op) => `topic write ${SHADOW('+')}/${op}`),
    '',
    '# The local shadow service: takes the requests, alone gives the answers.',
    `user ${SHADOW_SERVICE_COMMON_NAME}`,
    ...REQUESTS.map((op) => `topic read ${SHADOW('+')}/${op}`),
    ...ANSWERS.map((op) => `topic write ${SHADOW('+')}/${op}`),
    '',
  ].join('\n');
}

export function mosquittoConf(options: { port: number; dir: string; tls: MosquittoOptions['tls'] }): string {
  const { port, dir } = options;
  for (const file of [dir, options.tls.caPath, options.tls.certPath, options.tls.keyPath]) {
    if (/[\r\n]/.test(file)) throw new Error(`path not usable in a Mosquitto config: ${JSON.stringify(file)}`);
  }
  return [
    // Started as root, Mosquitto switches to the `mosquitto` user, which can read neither our 0600
    // keys nor a 0700 temporary folder. `user root` keeps it as root (it warns; fine for tests);
    // as any other user it cannot switch and stays who started it.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'per_listener_settings false',
    'allow_anonymous false',
    'persistence true',
    `persistence_location ${path.join(dir, 'data')}${path.sep}`,
    'log_dest stderr',
    // `all` includes the debug lines ("Denied PUBLISH ...") that show what the ACL refused.
    'log_type all',
    'log_timestamp_format %H:%M:%S',
    `acl_file ${path.join(dir, 'acl')}`,
    `listener ${port} 127.0.0.1`,
    `cafile ${options.tls.caPath}`,
    `certfile ${options.tls.certPath}`,
    `keyfile ${options.tls.keyPath}`,
    'require_certificate true',
    'use_identity_as_username true',
    '',
  ].join('\n');
}

const KEEP_LOG_LINES = 5_000;

export async function startMosquitto(options: MosquittoOptions): Promise<RunningMosquitto> {
  const binary = options.binary ?? '/usr/sbin/mosquitto';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'seedline-mosquitto-'));
  await mkdir(path.join(dir, 'data'));
  await writeFile(path.join(dir, 'acl'), mosquittoAcl());
  const ca = await readFile(options.tls.caPath);
  const lines: string[] = [];
  const log = () => lines.join('\n');

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  // A broker left running by a test process that dies would hold its port and folder.
  const killOnExit = () => child?.kill('SIGKILL');

  const launch = async (port: number): Promise<void> => {
    const confFile = path.join(dir, 'mosquitto.conf');
    await writeFile(confFile, mosquittoConf({ port, dir, tls: options.tls }));
    lines.push(`--- starting ${binary} on port ${port}`);
    const proc = spawn(binary, ['-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    process.once('exit', killOnExit);
    for (const stream of [proc.stdout, proc.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        lines.push(...chunk.replace(/\n$/, '').split('\n'));
        if (lines.length > KEEP_LOG_LINES) lines.splice(0, lines.length - KEEP_LOG_LINES);
      });
    }
    const ended: { why: string | null } = { why: null };
    exited = new Promise<void>((resolve) => {
      proc.once('error', (error) => {
        ended.why = error.message;
        resolve();
      });
      proc.once('exit', (code, signal) => {
        ended.why = `exit code ${code ?? signal}`;
        resolve();
      });
    }).finally(() => process.off('exit', killOnExit));
    const deadline = Date.now() + startTimeoutMs;
    while (!(await acceptsTls(port, ca))) {
      if (ended.why !== null) throw new Error(`mosquitto exited while starting (${ended.why}); its log:\n${log()}`);
      if (Date.now() > deadline) {
        await terminate();
        throw new Error(
          `mosquitto did not accept TLS connections on port ${port} within ${startTimeoutMs} ms; its log:\n${log()}`,
        );
      }
      // Waiting on the broker, not on time: each probe is a real connection attempt.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
  };

  const terminate = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  let port = options.port ?? (await freePort());
  // A free port found by the OS may be taken again before Mosquitto binds it: try another.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await launch(port);
      break;
    } catch (error) {
      const portTaken = /Address already in use/.test(log());
      if (options.port !== undefined || !portTaken || attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }

  return {
    port,
    dir,
    log,
    stop: terminate,
    async start() {
      await terminate();
      await launch(port);
    },
    async close() {
      await terminate();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** True once the broker completes a TLS handshake with a certificate our CA signed for 127.0.0.1. */
async function acceptsTls(port: number, ca: Buffer): Promise<boolean> {
  // No client certificate: under TLS 1.3 the client side completes before the broker checks it,
  // which is enough to know the listener is up (Mosquitto then logs a refused probe).
  const socket = tls.connect({ host: '127.0.0.1', port, ca, minVersion: 'TLSv1.3' });
  try {
    await once(socket, 'secureConnect', { signal: AbortSignal.timeout(2_000) });
    return socket.authorized;
  } catch {
    // Refused, reset or timed out: not (yet) accepting.
    return false;
  } finally {
    socket.destroy();
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
