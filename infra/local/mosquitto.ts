// A Mosquitto broker for tests, set up like the embedded aedes broker (broker.ts) and AWS IoT
// Core: mutual TLS, a client is who its certificate's CN says, per-thing topic rules from acl.ts.
// It runs /usr/sbin/mosquitto (Debian's 2.0.11) as a child process with its config, ACL files and
// persistence in a fresh temporary folder, and can be stopped and started again on the same ports
// with the same persistence (sessions, subscriptions and queued QoS 1 messages).
//
// Two listeners, each with its own rules (`per_listener_settings`):
// - Devices: certificates from the devices' CA, and the client id is the certificate's CN
//   (`use_username_as_clientid`), as AWS IoT's policies and aedes make it: a device cannot take over
//   another's session by claiming its client id.
// - Services (ingest, the shadow service): certificates from a CA of their own, so no device
//   certificate is accepted there. Services choose their client ids (`seedline-ingest-<suffix>`),
//   so that several ingest connections keep separate persistent sessions.
//
// What Mosquitto does NOT enforce that aedes and AWS IoT Core do (each checked against 2.0.11):
// - A refused publish is not a protocol error. MQTT 3.1.1 has no negative PUBACK: Mosquitto acks a
//   QoS 1 publish it refused (its log says "Denied PUBLISH" and "PUBACK ... rc135", but a 3.1.1
//   PUBACK carries no code), drops it, and keeps the connection. aedes and AWS IoT Core close it.
// - A refused subscription is not refused either: the SUBACK grants QoS 1 to any filter, and the
//   read rules are applied to each message as it is delivered (aedes answers 0x80).
// - `+` in a rule matches any level, not only valid thing names: ingest stores nothing for a thing
//   it does not know.
// - No 128 KB payload limit (AWS IoT Core's): ingest refuses oversized messages itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { INGEST_COMMON_NAME, SHADOW_SERVICE_COMMON_NAME } from './identity.ts';
import { freePort } from './free-port.ts';

/** PEM files of one listener: the CA that signs its clients' certificates, the broker's own pair. */
export type ListenerTls = { caPath: string; certPath: string; keyPath: string };

export interface MosquittoOptions {
  /** The devices' listener. */
  tls: ListenerTls;
  /** The services' listener: a CA that signs no device certificate. */
  services: ListenerTls;
  /** A fixed port for the devices' listener; a free one is picked when omitted (always for services). */
  port?: number;
  binary?: string;
  /** How long to wait for the broker to accept TLS connections. */
  startTimeoutMs?: number;
}

export interface RunningMosquitto {
  /** The devices' listener. */
  port: number;
  /** The services' listener. */
  servicesPort: number;
  /** The temporary folder with the config, the ACL files and the persistence database. */
  dir: string;
  /** Mosquitto's log so far (its most recent lines), for assertions and failure reports. */
  log(): string;
  /** Stops the broker (SIGTERM: it saves its persistence database first); the ports stay reserved for start(). */
  stop(): Promise<void>;
  /** Starts it again on the same ports with the same persistence; resolves once it accepts TLS connections. */
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
 * The ACL files of the two listeners for `use_identity_as_username`: the rules of acl.ts in
 * Mosquitto's terms (`%u` is the certificate's CN). mosquitto.test.ts checks they agree.
 */
export function mosquittoAcls(): { devices: string; services: string } {
  const devices = [
    '# Devices: their own thing name only (%u is the certificate CN).',
    'pattern write dt/seedline/%u/telemetry',
    'pattern write dt/seedline/%u/events',
    ...REQUESTS.map((op) => `pattern write ${SHADOW('%u')}/${op}`),
    'pattern read dt/seedline/%u/#',
    `pattern read ${SHADOW('%u')}/#`,
    '',
  ];
  const services = [
    "# Ingest: every thing's telemetry, events and irrigation shadow; shadow requests for any thing;",
    `user ${INGEST_COMMON_NAME}`,
    'topic read dt/seedline/+/telemetry',
    'topic read dt/seedline/+/events',
    `topic read ${SHADOW('+')}/#`,
    ...REQUESTS.map((op) => `topic write ${SHADOW('+')}/${op}`),
    '# ...and confirms to each bridge what it stored (decision 038).',
    'topic write dt/seedline/+/stored',
    '',
    '# The local shadow service: takes the requests, alone gives the answers.',
    `user ${SHADOW_SERVICE_COMMON_NAME}`,
    ...REQUESTS.map((op) => `topic read ${SHADOW('+')}/${op}`),
    ...ANSWERS.map((op) => `topic write ${SHADOW('+')}/${op}`),
    '',
  ];
  return { devices: devices.join('\n'), services: services.join('\n') };
}

type ConfOptions = { port: number; servicesPort: number; dir: string; tls: ListenerTls; services: ListenerTls };

export function mosquittoConf(options: ConfOptions): string {
  const { dir } = options;
  for (const file of [dir, ...Object.values(options.tls), ...Object.values(options.services)]) {
    if (/[\r\n]/.test(file)) throw new Error(`path not usable in a Mosquitto config: ${JSON.stringify(file)}`);
  }
  const listener = (port: number, tls: ListenerTls, acl: string, clientIdIsName: boolean) => [
    `listener ${port} 127.0.0.1`,
    `cafile ${tls.caPath}`,
    `certfile ${tls.certPath}`,
    `keyfile ${tls.keyPath}`,
    'require_certificate true',
    'allow_anonymous false',
    'use_identity_as_username true',
    `use_username_as_clientid ${clientIdIsName}`,
    `acl_file ${path.join(dir, acl)}`,
  ];
  return [
    // Started as root, Mosquitto switches to the `mosquitto` user, which can read neither our 0600
    // keys nor a 0700 temporary folder. `user root` keeps it as root (it warns; fine for tests);
    // as any other user it cannot switch and stays who started it.
    ...(process.getuid?.() === 0 ? ['user root'] : []),
    'per_listener_settings true',
    'persistence true',
    `persistence_location ${path.join(dir, 'data')}${path.sep}`,
    'log_dest stderr',
    // `all` includes the debug lines ("Denied PUBLISH ...") that show what the ACL refused.
    'log_type all',
    'log_timestamp_format %H:%M:%S',
    ...listener(options.port, options.tls, 'acl-devices', true),
    ...listener(options.servicesPort, options.services, 'acl-services', false),
    '',
  ].join('\n');
}

const KEEP_LOG_LINES = 5_000;

export async function startMosquitto(options: MosquittoOptions): Promise<RunningMosquitto> {
  const binary = options.binary ?? '/usr/sbin/mosquitto';
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'seedline-mosquitto-'));
  await mkdir(path.join(dir, 'data'));
  const acls = mosquittoAcls();
  await writeFile(path.join(dir, 'acl-devices'), acls.devices);
  await writeFile(path.join(dir, 'acl-services'), acls.services);
  const ca = await readFile(options.tls.caPath);
  const servicesCa = await readFile(options.services.caPath);
  const lines: string[] = [];
  const log = () => lines.join('\n');

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  // A broker left running by a test process that dies would hold its port and folder.
  const killOnExit = () => child?.kill('SIGKILL');

  const launch = async (port: number, servicesPort: number): Promise<void> => {
    const confFile = path.join(dir, 'mosquitto.conf');
    await writeFile(confFile, mosquittoConf({ port, servicesPort, dir, tls: options.tls, services: options.services }));
    lines.push(`--- starting ${binary} on ports ${port} (devices) and ${servicesPort} (services)`);
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
    while (!(await acceptsTls(port, ca)) || !(await acceptsTls(servicesPort, servicesCa))) {
      if (ended.why !== null) throw new Error(`mosquitto exited while starting (${ended.why}); its log:\n${log()}`);
      if (Date.now() > deadline) {
        await terminate();
        throw new Error(
          `mosquitto did not accept TLS connections on ports ${port} and ${servicesPort} within ${startTimeoutMs} ms; its log:\n${log()}`,
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
  let servicesPort = await freePort();
  // A free port found by the OS may be taken again before Mosquitto binds it: try others.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await launch(port, servicesPort);
      break;
    } catch (error) {
      const portTaken = /Address already in use/.test(log());
      if (!portTaken || attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      port = options.port ?? (await freePort());
      servicesPort = await freePort();
    }
  }

  return {
    port,
    servicesPort,
    dir,
    log,
    stop: terminate,
    async start() {
      await terminate();
      await launch(port, servicesPort);
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
