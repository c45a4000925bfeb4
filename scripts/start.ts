// `npm start`: the whole system on one machine with its embedded defaults — the local MQTT broker
// (aedes behind mutual TLS, in this process), the web app (which owns the embedded database and
// ingests what the broker carries) and the greenhouse bridge on the virtual greenhouse,
// time-warped, reporting through the broker. Certificates for the demo things live in .data/pki.
// The bridge logs JSON lines to .data/bridge.log: `tail -f .data/bridge.log` shows it live (`npm run
// bridge` would start a second bridge under the same thing name, not show this one).
// `npm run broker -- stop|start` (scripts/broker.ts) stops and starts the broker alone: it writes
// the wanted state to .data/broker.wanted and sends SIGUSR2 to the pid in .data/start.pid.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrokerOptions, type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { brokerTls, ensurePki } from '../infra/local/pki.ts';
import type { ShadowService } from '../infra/local/shadow/service.ts';
import { DEMO_THINGS, BRIDGE_THING, bridgeArgs, startLocalShadows, writeBridgeConfig } from './local/demo-bridge.ts';
import { answers, signalGroup, spawnGroup, stopGroup } from './local/processes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.SEEDLINE_DATA_DIR ?? path.join(root, '.data');
fs.mkdirSync(dataDir, { recursive: true });
const bridgeLog = path.join(dataDir, 'bridge.log');
const pidFile = path.join(dataDir, 'start.pid');
const wantedFile = path.join(dataDir, 'broker.wanted');
const warp = process.env.SEEDLINE_WARP ?? '60';
const mqttPort = Number(process.env.SEEDLINE_MQTT_PORT ?? '8883');
if (!Number.isInteger(mqttPort) || mqttPort < 1 || mqttPort > 65_535) {
  console.error(`✖ SEEDLINE_MQTT_PORT must be a port number, not ${JSON.stringify(process.env.SEEDLINE_MQTT_PORT)}`);
  process.exit(1);
}

type Child = { name: string; process: ChildProcess };
const children: Child[] = [];
let broker: RunningBroker | undefined;
/** Set once the broker first runs: a restart uses the same port and certificates. */
let brokerOptions: BrokerOptions | undefined;
/** The broker's stops and starts, one after another (stopAll waits for the last). */
let brokerChange: Promise<void> = Promise.resolve();
let shadows: ShadowService | undefined;
let stopping = false;

/** Stops the bridge, then web, then the broker (each bounded), then exits. */
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 30_000).unref();
  // The bridge's stop waits up to 5 s for a PUBACK and 5 s to disconnect; web's for ingest's flush.
  for (const [name, ms] of [
    ['bridge', 12_000],
    ['web', 15_000],
  ] as const) {
    const child = children.find((c) => c.name === name)?.process;
    if (child) await stopGroup(name, child, ms);
  }
  // A broker start in progress would otherwise finish after the close below, and stay up; a
  // broker already stopped is undefined here, and its clients above have stopped regardless.
  await brokerChange;
  await shadows?.close().catch(() => undefined);
  await broker?.close().catch(() => undefined);
  process.exit(code);
}

/** Brings the broker to the state `npm run broker` asked for (broker.wanted; running if absent). */
async function reconcileBroker() {
  let wanted = 'running';
  try {
    wanted = fs.readFileSync(wantedFile, 'utf8').trim();
  } catch {
    // No file: nobody asked for a stop.
  }
  if (stopping) return;
  if (!brokerOptions) return console.error('✖ the MQTT broker has not started yet: ask again once it has');
  if (wanted !== 'running' && wanted !== 'stopped')
    return console.error(`✖ ${wantedFile} says ${JSON.stringify(wanted)}, not running or stopped: ignored`);
  if ((wanted === 'running') === (broker !== undefined)) return console.log(`MQTT broker already ${wanted}`);
  try {
    if (broker) {
      const closing = broker;
      broker = undefined;
      await closing.close();
      console.log('MQTT broker stopped (npm run broker -- start to start it again)');
    } else {
      broker = await startBroker(brokerOptions);
      console.log(`MQTT broker started again on 127.0.0.1:${broker.port}; its clients reconnect by themselves`);
    }
  } catch (error) {
    console.error(`✖ MQTT broker ${wanted === 'stopped' ? 'stop' : 'start'} failed: ${(error as Error).message}`);
  }
}

function run(name: string, args: string[], stdout: 'inherit' | number, env: NodeJS.ProcessEnv = {}) {
  // Its own process group, which only stopAll signals (once, in order): see local/processes.ts.
  const child = spawnGroup('npm', ['run', '--silent', ...args], { cwd: root, stdout, env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}): stopping`);
      void stopAll(code ?? 1);
    }
  });
  children.push({ name, process: child });
}

/** Waits (bounded: the first start migrates and seeds) until web answers /health. */
async function webReady(timeoutMs = 180_000) {
  const url = `http://127.0.0.1:${process.env.PORT ?? '3000'}/health`;
  const ok = await answers(url, timeoutMs, () => stopping);
  if (!ok && !stopping) console.error(`web did not answer ${url} in time: starting the bridge anyway`);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  // The children are out of the terminal's reach: a closed terminal stops them through us.
  process.on('SIGHUP', () => void stopAll(0));
  process.on('SIGUSR2', () => {
    if (!stopping) brokerChange = brokerChange.then(reconcileBroker);
  });
  // Written after the SIGUSR2 handler (the signal's default would end this process); removed at
  // exit unless another npm start on the same folder has written its own since.
  fs.rmSync(wantedFile, { force: true });
  fs.writeFileSync(pidFile, `${process.pid}\n`);
  process.on('exit', () => {
    // Past stopAll's time limit, or on a crash: no child may outlive us unasked.
    for (const { process: child } of children) signalGroup(child, 'SIGTERM');
    try {
      if (fs.readFileSync(pidFile, 'utf8').trim() !== String(process.pid)) return;
      fs.rmSync(pidFile);
      fs.rmSync(wantedFile, { force: true });
    } catch {
      // Already gone.
    }
  });

  // Certificates: a local CA, the broker's, ingest's and one per demo thing (kept across runs).
  const { paths: pki, created } = await ensurePki({ dir: path.join(dataDir, 'pki'), things: DEMO_THINGS });
  if (created.length > 0) console.log(`Created local certificates in ${path.relative(root, pki.dir)}`);

  const options: BrokerOptions = {
    port: mqttPort,
    tls: await brokerTls(pki),
    log: (line) => console.error(`broker: ${line}`),
  };
  broker = await startBroker(options);
  brokerOptions = options;
  console.log(`MQTT broker (mutual TLS) on 127.0.0.1:${broker.port}`);
  shadows = startLocalShadows(dataDir, {
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: pki.shadowService.cert,
    keyPath: pki.shadowService.key,
    caPath: pki.ca.cert,
  });
  const thingPaths = pki.thing(BRIDGE_THING);
  const bridgeConfigPath = writeBridgeConfig(root, dataDir, {
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: thingPaths.cert,
    keyPath: thingPaths.key,
    caPath: pki.ca.cert,
  });

  // The demo's accounts log in with the published password here, on this machine only (web
  // listens on 127.0.0.1 unless HOST is set): a shop that goes live starts without this flag.
  console.log('Demo logins are on: the demo accounts use the published password (SEEDLINE_DEMO_LOGINS=1).');
  run('web', ['start', '-w', '@seedline/web'], 'inherit', {
    SEEDLINE_DEMO_LOGINS: process.env.SEEDLINE_DEMO_LOGINS ?? '1',
    INGEST_MQTT_ENDPOINT: '127.0.0.1',
    INGEST_MQTT_PORT: String(broker.port),
    INGEST_CERT: pki.ingest.cert,
    INGEST_KEY: pki.ingest.key,
    INGEST_CA: pki.ca.cert,
    // The co-op's greenhouse page issues a newly registered bridge its certificate from this CA.
    LOCAL_PKI_DIR: pki.dir,
  });
  // The bridge starts once web (and so ingest) is up: what it publishes before ingest has
  // subscribed would be acked by the broker and dropped.
  await webReady();
  if (stopping) return;
  run('bridge', bridgeArgs(dataDir, bridgeConfigPath, warp), fs.openSync(bridgeLog, 'a'));
  console.log(
    `Greenhouse bridge ${BRIDGE_THING} running on the virtual greenhouse (${warp}× time), reporting to the broker, logging to ${path.relative(root, bridgeLog)}`,
  );
  console.log(`Its live view in a terminal: tail -f ${path.relative(root, bridgeLog)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `✖ ${error.message}` : error);
  void stopAll(1);
});
