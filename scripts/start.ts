// `npm start`: the whole system on one machine with its embedded defaults — the local MQTT broker
// (aedes behind mutual TLS, in this process), the web app (which owns the embedded database and
// ingests what the broker carries) and the greenhouse bridge on the virtual greenhouse,
// time-warped, reporting through the broker. Certificates for the demo things live in .data/pki.
// The bridge logs JSON lines to .data/bridge.log; `npm run bridge` in a terminal shows it live.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { brokerTls, ensurePki } from '../infra/local/pki.ts';
import { type ShadowService, startShadowService } from '../infra/local/shadow/service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.SEEDLINE_DATA_DIR ?? path.join(root, '.data');
fs.mkdirSync(dataDir, { recursive: true });
const bridgeLog = path.join(dataDir, 'bridge.log');
const warp = process.env.SEEDLINE_WARP ?? '60';
const mqttPort = Number(process.env.SEEDLINE_MQTT_PORT ?? '8883');
if (!Number.isInteger(mqttPort) || mqttPort < 1 || mqttPort > 65_535) {
  console.error(`✖ SEEDLINE_MQTT_PORT must be a port number, not ${JSON.stringify(process.env.SEEDLINE_MQTT_PORT)}`);
  process.exit(1);
}
/** The demo cooperative's greenhouses; the first one runs on the virtual greenhouse. */
const DEMO_THINGS = ['seedline-xh-nm1', 'seedline-yd-nl1', 'seedline-hh-nl1'] as const;
const BRIDGE_THING = DEMO_THINGS[0];
/** The zones the demo database knows for that greenhouse (see prisma/src/seed/demo-data.ts). */
const BRIDGE_ZONES = ['z1', 'z2'];

type Child = { name: string; process: ChildProcess };
const children: Child[] = [];
let broker: RunningBroker | undefined;
let shadows: ShadowService | undefined;
let stopping = false;

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Stops the bridge, then web, then the broker (each bounded), then exits. */
async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code), 10_000).unref();
  for (const name of ['bridge', 'web']) {
    const child = children.find((c) => c.name === name)?.process;
    if (!child) continue;
    child.kill('SIGTERM');
    await Promise.race([exited(child), new Promise((resolve) => setTimeout(resolve, 4_000))]);
  }
  await shadows?.close().catch(() => undefined);
  await broker?.close().catch(() => undefined);
  process.exit(code);
}

function run(name: string, args: string[], stdout: 'inherit' | number, env: NodeJS.ProcessEnv = {}) {
  const child = spawn('npm', ['run', '--silent', ...args], {
    cwd: root,
    stdio: ['ignore', stdout, 'inherit'],
    env: { ...process.env, ...env },
  });
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
  const deadline = Date.now() + timeoutMs;
  while (!stopping && Date.now() < deadline) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!stopping) console.error(`web did not answer ${url} in time: starting the bridge anyway`);
}

async function main() {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // Certificates: a local CA, the broker's, ingest's and one per demo thing (kept across runs).
  const { paths: pki, created } = await ensurePki({ dir: path.join(dataDir, 'pki'), things: DEMO_THINGS });
  if (created.length > 0) console.log(`Created local certificates in ${path.relative(root, pki.dir)}`);

  broker = await startBroker({
    port: mqttPort,
    tls: await brokerTls(pki),
    log: (line) => console.error(`broker: ${line}`),
  });
  console.log(`MQTT broker (mutual TLS) on 127.0.0.1:${broker.port}`);
  // AWS IoT Core answers shadow requests itself; locally this client does, keeping the documents.
  shadows = startShadowService({
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: pki.shadowService.cert,
    keyPath: pki.shadowService.key,
    caPath: pki.ca.cert,
    file: path.join(dataDir, 'shadows.json'),
    log: (line) => console.error(`shadow: ${line}`),
  });

  // The bridge's config: the example greenhouse, cut to the zones the demo database has (so
  // ingest does not reject part of every message), reporting to the local broker.
  const example = JSON.parse(fs.readFileSync(path.join(root, 'firmware-bridge', 'config', 'example.json'), 'utf8')) as {
    zones: { id: string }[];
    simulation?: { zones?: Record<string, unknown> };
  };
  const thingPaths = pki.thing(BRIDGE_THING);
  const bridgeConfig = {
    ...example,
    thingName: BRIDGE_THING,
    zones: example.zones.filter((z) => BRIDGE_ZONES.includes(z.id)),
    ...(example.simulation && {
      simulation: {
        ...example.simulation,
        zones: Object.fromEntries(
          Object.entries(example.simulation.zones ?? {}).filter(([id]) => BRIDGE_ZONES.includes(id)),
        ),
      },
    }),
    reporting: {
      endpoint: '127.0.0.1',
      port: broker.port,
      certPath: thingPaths.cert,
      keyPath: thingPaths.key,
      caPath: pki.ca.cert,
    },
  };
  const bridgeConfigPath = path.join(dataDir, `bridge-${BRIDGE_THING}.json`);
  fs.writeFileSync(bridgeConfigPath, `${JSON.stringify(bridgeConfig, null, 2)}\n`);

  run('web', ['start', '-w', '@seedline/web'], 'inherit', {
    INGEST_MQTT_ENDPOINT: '127.0.0.1',
    INGEST_MQTT_PORT: String(broker.port),
    INGEST_CERT: pki.ingest.cert,
    INGEST_KEY: pki.ingest.key,
    INGEST_CA: pki.ca.cert,
  });
  // The bridge starts once web (and so ingest) is up: what it publishes before ingest has
  // subscribed would be acked by the broker and dropped.
  await webReady();
  if (stopping) return;
  run(
    'bridge',
    [
      'bridge',
      '-w',
      '@seedline/firmware-bridge',
      '--',
      '--board',
      'virtual',
      '--warp',
      warp,
      '--config',
      bridgeConfigPath,
    ],
    fs.openSync(bridgeLog, 'a'),
  );
  console.log(
    `Greenhouse bridge ${BRIDGE_THING} running on the virtual greenhouse (${warp}× time), reporting to the broker, logging to ${path.relative(root, bridgeLog)}`,
  );
  console.log(`For its live view in a terminal: npm run bridge -- --config ${path.relative(root, bridgeConfigPath)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `✖ ${error.message}` : error);
  void stopAll(1);
});
