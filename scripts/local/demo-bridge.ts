// The demo greenhouse bridge both local launchers run (npm start, npm run start:cluster): the
// example greenhouse on the virtual board, time-warped, reporting to the local broker, and the
// local shadow service that answers its shadow requests as AWS IoT Core would.
import fs from 'node:fs';
import path from 'node:path';
import { type ShadowService, startShadowService } from '../../infra/local/shadow/service.ts';

/** The demo cooperative's greenhouses; the first one runs on the virtual greenhouse. */
export const DEMO_THINGS = ['seedline-xh-nm1', 'seedline-yd-nl1', 'seedline-hh-nl1'] as const;
export const BRIDGE_THING = DEMO_THINGS[0];
/** The zones the demo database knows for that greenhouse (see prisma/src/seed/demo-data.ts). */
const BRIDGE_ZONES = ['z1', 'z2'];

/** Where an MQTT client connects, with its certificate. */
export type Connection = { endpoint: string; port: number; certPath: string; keyPath: string; caPath: string };

type ExampleConfig = { zones: { id: string }[]; simulation?: { zones?: Record<string, unknown> } };

/**
 * Writes the bridge's config: the example greenhouse, cut to the zones the demo database has (so
 * ingest does not reject part of every message), reporting to `reporting`. Its outbox lives in the
 * data folder (the bridge's default is .data/): what it has not sent belongs to this database,
 * not to another SEEDLINE_DATA_DIR's. Returns the config file's path.
 */
export function writeBridgeConfig(root: string, dataDir: string, reporting: Connection): string {
  const examplePath = path.join(root, 'firmware-bridge', 'config', 'example.json');
  const example = JSON.parse(fs.readFileSync(examplePath, 'utf8')) as ExampleConfig;
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
    reporting: { ...reporting, outboxDir: path.resolve(dataDir, `outbox-${BRIDGE_THING}`) },
  };
  const configPath = path.join(dataDir, `bridge-${BRIDGE_THING}.json`);
  fs.writeFileSync(configPath, `${JSON.stringify(bridgeConfig, null, 2)}\n`);
  return configPath;
}

/** `npm run` arguments of the bridge on the virtual greenhouse at `warp`× time, its run journal in the data folder. */
export function bridgeArgs(dataDir: string, configPath: string, warp: string): string[] {
  const journal = path.resolve(dataDir, `bridge-${BRIDGE_THING}.runs.json`);
  const cli = ['--board', 'virtual', '--warp', warp, '--config', configPath, '--journal', journal];
  return ['bridge', '-w', '@seedline/firmware-bridge', '--', ...cli];
}

/** AWS IoT Core answers shadow requests itself; locally this client does, keeping the documents in the data folder. */
export function startLocalShadows(dataDir: string, link: Connection): ShadowService {
  return startShadowService({
    ...link,
    file: path.join(dataDir, 'shadows.json'),
    log: (line) => console.error(`shadow: ${line}`),
    // Its link subscribes again on every reconnect (connectMqtt): these lines show a broker restart.
    onState: (state) => {
      if (state.kind === 'interrupted') console.error(`shadow: ${state.error.message}`);
      if (state.kind === 'resumed') console.error(`shadow: reconnected (session present: ${state.sessionPresent})`);
    },
  });
}
