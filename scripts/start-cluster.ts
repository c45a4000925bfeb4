// `npm run start:cluster`: a rehearsal, on this machine, of Seedline as it runs past one machine:
// two web processes behind one front port (front.ts, standing in for the load balancer), two
// ingest processes sharing the bridges' traffic (one MQTT shared-subscription group), one worker,
// all on one PostgreSQL database, with Mosquitto behind mutual TLS as the broker (the closer
// stand-in for AWS IoT Core), the local shadow service and the demo greenhouse bridge. Each role
// is `web/server/main.ts` with SEEDLINE_ROLES, as `npm run ingest` and `npm run worker` start it.
// A child that dies is reported and started again (supervisor.ts); Ctrl-C stops everything.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPassword, demoUsers } from '@seedline/db/setup';
import { freePort } from '../infra/local/free-port.ts';
import { type ListenerTls, type RunningMosquitto, startMosquitto } from '../infra/local/mosquitto.ts';
import { type PkiPaths, ensurePki } from '../infra/local/pki.ts';
import type { ShadowService } from '../infra/local/shadow/service.ts';
import { localSessionSecret } from '../web/server/secret.ts';
import { createDatabase, fillDatabase } from './local/cluster-database.ts';
import { BRIDGE_THING, DEMO_THINGS, bridgeArgs, startLocalShadows, writeBridgeConfig } from './local/demo-bridge.ts';
import { type Front, startFront } from './local/front.ts';
import { answers } from './local/processes.ts';
import { supervise } from './local/supervisor.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.resolve(root, process.env.SEEDLINE_DATA_DIR ?? path.join('.data', 'cluster'));
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/seedline_cluster';
const warp = process.env.SEEDLINE_WARP ?? '60';
const READY_WITHIN_MS = 180_000;

/** A port from the environment variable `name`, or `fallback`; exits naming the variable when it is not one. */
function portFrom(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (Number.isInteger(value) && value >= 1 && value <= 65_535) return value;
  console.error(`✖ ${name} must be a port number, not ${JSON.stringify(process.env[name])}`);
  process.exit(1);
}
const frontPort = portFrom('PORT', 3000);
const mqttPort = portFrom('SEEDLINE_MQTT_PORT', 8883);
// Production on PostgreSQL refuses a shop without https (its cookies must be Secure): the roles
// are told they are behind https, as behind the ALB, while the front speaks plain HTTP on this
// machine (browsers keep Secure cookies for 127.0.0.1 and localhost all the same).
const publicUrl = process.env.PUBLIC_URL ?? `https://127.0.0.1:${frontPort}`;

let mosquitto: RunningMosquitto | undefined;
let shadows: ShadowService | undefined;
let front: Front | undefined;
let stopping = false;
const children = supervise(() => void stopAll(1));

/** Stops the front, the bridge, web, then the worker and ingest (what they hold is stored), then the broker. */
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  children.stopping();
  setTimeout(() => process.exit(code), 45_000).unref();
  await front?.close();
  // The bridge's stop waits up to 5 s for a PUBACK and 5 s to disconnect; ingest's for its flush.
  await children.stop(['bridge'], 12_000);
  await children.stop(['web-1', 'web-2'], 15_000);
  await children.stop(['worker', 'ingest-1', 'ingest-2'], 15_000);
  await shadows?.close().catch(() => undefined);
  await mosquitto?.close().catch(() => undefined);
  console.log(code === 0 ? 'Stopped.' : `Stopped (exit ${code}).`);
  process.exit(code);
}

const listener = (pki: PkiPaths): ListenerTls => ({
  caPath: pki.ca.cert,
  certPath: pki.broker.cert,
  keyPath: pki.broker.key,
});

/** Mosquitto with its two listeners: devices (the demo things' CA) and services (a CA of their own). */
async function startBroker() {
  const devices = (await ensurePki({ dir: path.join(dataDir, 'pki'), things: DEMO_THINGS })).paths;
  const services = (await ensurePki({ dir: path.join(dataDir, 'pki-services'), things: [] })).paths;
  mosquitto = await startMosquitto({ port: mqttPort, tls: listener(devices), services: listener(services) });
  return { devices, services, broker: mosquitto };
}

type Broker = Awaited<ReturnType<typeof startBroker>>;

/** One role: web/server/main.ts with SEEDLINE_ROLES=`role` in production, on the cluster's database. */
function startRole(name: string, role: 'web' | 'ingest' | 'worker', env: NodeJS.ProcessEnv) {
  children.start({
    name,
    command: process.execPath,
    args: ['--import', 'tsx', path.join('server', 'main.ts')],
    cwd: path.join(root, 'web'),
    env: {
      NODE_ENV: 'production',
      SEEDLINE_ROLES: role,
      DATABASE_URL: databaseUrl,
      SEEDLINE_DATA_DIR: dataDir,
      PUBLIC_URL: publicUrl,
      ...env,
    },
  });
}

/** Starts the five roles; resolves with the web processes' ports once every one of them is ready. */
async function startRoles({ services, devices, broker }: Broker): Promise<number[]> {
  // Ingest's certificate on the services' listener: ingest subscribes, web's link publishes controls.
  const mqtt = {
    INGEST_MQTT_ENDPOINT: '127.0.0.1',
    INGEST_MQTT_PORT: String(broker.servicesPort),
    INGEST_CERT: services.ingest.cert,
    INGEST_KEY: services.ingest.key,
    INGEST_CA: services.ca.cert,
  };
  for (const n of [1, 2]) {
    startRole(`ingest-${n}`, 'ingest', {
      ...mqtt,
      INGEST_SHARE_GROUP: 'seedline-ingest',
      INGEST_CLIENT_ID: `seedline-ingest-${n}`,
    });
  }
  // One session secret, kept in the data folder: a visitor signed in on one web process is on the
  // other (the worker, too, must be given one on PostgreSQL).
  const SESSION_SECRET = process.env.SESSION_SECRET ?? localSessionSecret(path.join(dataDir, 'db'));
  startRole('worker', 'worker', { SESSION_SECRET });
  const webPorts = [await freePort(), await freePort()];
  webPorts.forEach((port, i) =>
    startRole(`web-${i + 1}`, 'web', {
      ...mqtt,
      PORT: String(port),
      WEB_CONCURRENCY: '1',
      SESSION_SECRET,
      SEEDLINE_DEMO_LOGINS: '1',
      // Names the process that answered (X-Seedline-Instance), to see the front spread the load.
      SEEDLINE_INSTANCE: `web-${i + 1}`,
      // The co-op's greenhouse page issues a newly registered bridge its certificate from this CA.
      LOCAL_PKI_DIR: devices.dir,
    }),
  );
  const ready = Promise.all([
    children.line('ingest-1', 'Ingest ready'),
    children.line('ingest-2', 'Ingest ready'),
    children.line('worker', 'Worker ready'),
    ...webPorts.map((port) => answers(`http://127.0.0.1:${port}/health`, READY_WITHIN_MS, () => stopping)),
  ]);
  const late = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`not every role was ready within ${READY_WITHIN_MS / 1000} s`)),
      READY_WITHIN_MS,
    ).unref(),
  );
  await Promise.race([ready, late]);
  return webPorts;
}

/** The demo greenhouse's bridge on the devices' listener, logging to the data folder. */
function startBridge({ devices, broker }: Broker): string {
  const thing = devices.thing(BRIDGE_THING);
  const configPath = writeBridgeConfig(root, dataDir, {
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: thing.cert,
    keyPath: thing.key,
    caPath: devices.ca.cert,
  });
  const log = path.join(dataDir, 'bridge.log');
  children.start({
    name: 'bridge',
    command: 'npm',
    args: ['run', '--silent', ...bridgeArgs(dataDir, configPath, warp)],
    cwd: root,
    stdout: fs.openSync(log, 'a'),
  });
  return log;
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  // Past stopAll's time limit, or on a crash: no child may outlive us unasked.
  process.on('exit', () => children.terminateAll());
  const startedAt = Date.now();
  fs.mkdirSync(dataDir, { recursive: true });
  const created = await createDatabase(databaseUrl);
  if (created) console.log(created);
  const broker = await startBroker();
  console.log(
    `Mosquitto (mutual TLS): devices on 127.0.0.1:${broker.broker.port}, services on 127.0.0.1:${broker.broker.servicesPort}`,
  );
  shadows = startLocalShadows(dataDir, {
    endpoint: '127.0.0.1',
    port: broker.broker.servicesPort,
    certPath: broker.services.shadowService.cert,
    keyPath: broker.services.shadowService.key,
    caPath: broker.services.ca.cert,
  });
  // Filled while the roles start: booting five processes is the longer wait.
  const filled = fillDatabase(databaseUrl);
  // Awaited below; a failure before then is not an unhandled rejection ending the process at once.
  filled.catch(() => undefined);
  const webPorts = await startRoles(broker);
  for (const line of await filled) console.log(line);
  if (stopping) return;
  front = await startFront(frontPort, webPorts);
  // The bridge starts once ingest is subscribed: what it publishes before would be acked and dropped.
  const bridgeLog = startBridge(broker);
  const farmer = demoUsers.find((u) => u.role === 'FARMER');
  console.log(
    [
      '',
      `Seedline cluster ready in ${Math.round((Date.now() - startedAt) / 1000)} s: ${front.url} (web-1 on :${webPorts[0]}, web-2 on :${webPorts[1]}; ingest-1 and ingest-2 share the bridges' traffic; one worker)`,
      `Database ${new URL(databaseUrl).pathname.slice(1)}; bridge ${BRIDGE_THING} at ${warp}× time, logging to ${path.relative(root, bridgeLog)}`,
      farmer ? `Sign in as the farmer ${farmer.email} (password "${demoPassword}") and open ${front.url}/farm` : '',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `✖ ${error.message}` : error);
  void stopAll(1);
});
