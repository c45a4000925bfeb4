// Settings round trip through the `irrigation` shadow, every part real: the dashboard's function
// writes the zone and sends desired state through ingest's MQTT connection; the local shadow
// service answers as AWS IoT does; the bridge (Johnny-Five on the virtual board, the control core)
// applies or refuses and reports; ingest stores the report; the zone shows confirmed or refused.
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import five from 'johnny-five';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { T0, exampleConfig, scriptedHardware } from '../firmware-bridge/test/harness.ts';
import { createVirtualBoard } from '../firmware-bridge/src/board/virtual-io.ts';
import { connectMqtt } from '../firmware-bridge/src/reporting/mqtt.ts';
import { type ShadowSync, startShadowSync } from '../firmware-bridge/src/reporting/shadow-sync.ts';
import { type Bridge, type BridgeOutput, startBridge } from '../firmware-bridge/src/runtime/bridge.ts';
import { memoryJournal } from '../firmware-bridge/src/runtime/journal.ts';
import { type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { type PkiPaths, brokerTls, ensurePki } from '../infra/local/pki.ts';
import { type ShadowService, startShadowService } from '../infra/local/shadow/service.ts';
import { type RunningIngest, startIngest } from '../web/app/ingest/subscriber.server.ts';
import { testFarmer, testGreenhouse } from '../web/app/ingest/testkit.ts';
import { changeZoneSettings, sendZoneCommand } from '../web/app/irrigation/controls.server.ts';
import { settingsStatus } from '../web/app/irrigation/zone-status.ts';

const config = exampleConfig();
const THING = config.thingName;

let dir: string;
let pki: PkiPaths;
let broker: RunningBroker;
let shadows: ShadowService;
let database: Database;
let ingest: RunningIngest;
let bridge: Bridge;
let sync: ShadowSync;
let closeDevice: () => Promise<void>;
const outputs: BridgeOutput[] = [];
/** Shadow documents the bridge's sync has handled, and the commands it handed to the core. */
const handled = new EventEmitter();
let commandsToCore = 0;
const zoneIds: Record<string, string> = {};
let farmer: Awaited<ReturnType<typeof testFarmer>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-shadow-e2e-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [THING] }));
  broker = await startBroker({
    port: 0,
    tls: await brokerTls(pki),
  });
  shadows = startShadowService({
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: pki.shadowService.cert,
    keyPath: pki.shadowService.key,
    caPath: pki.ca.cert,
  });

  database = await openTestDatabase();
  const g = await testGreenhouse(
    database.prisma,
    THING,
    config.zones.map((z) => ({ key: z.id, name: z.name, areaM2: z.areaM2, desiredSettings: z.settings })),
  );
  Object.assign(zoneIds, g.zones);
  farmer = await testFarmer(database.prisma, 'nong.dan@example.vn');
  ingest = startIngest({
    db: database.prisma,
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: pki.ingest.cert,
    keyPath: pki.ingest.key,
    caPath: pki.ca.cert,
    clientId: 'seedline-ingest-shadow-e2e',
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    log: () => undefined,
  });
  await ingest.ready();

  // The bridge: the real runtime on the virtual board in real time, its shadow sync on its own link.
  const hardware = scriptedHardware(config);
  const io = createVirtualBoard({ config, hardware, startAt: T0, warp: 1 });
  const board = new five.Board({ io, repl: false, debug: false, sigint: false });
  await new Promise<void>((resolve) => board.once('ready', () => resolve()));
  bridge = startBridge({
    config,
    board,
    clock: () => io.now(),
    journal: memoryJournal(),
    output: (o) => outputs.push(o),
  });
  const link = connectMqtt({
    endpoint: '127.0.0.1',
    port: broker.port,
    clientId: THING,
    certPath: pki.thing(THING).cert,
    keyPath: pki.thing(THING).key,
    caPath: pki.ca.cert,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    onState: (state) => {
      if (state.kind === 'connected' || state.kind === 'resumed') sync?.refresh();
    },
  });
  sync = startShadowSync({
    thing: THING,
    link,
    getRetryMs: 500,
    log: () => undefined,
    onDocument: (version) => handled.emit('document', version),
    target: {
      settings: bridge.settings,
      applySettings: bridge.applySettings,
      refuseSettings: bridge.refuseSettings,
      command: (command, onOutcome) => {
        commandsToCore += 1;
        bridge.command(command, onOutcome);
      },
      clock: () => io.now(),
    },
  });
  if (link.connected()) sync.refresh();
  closeDevice = () => link.close(1_000);
  // The bridge has created its shadow and ingest has stored the first report.
  // (vi.waitFor: expect.poll works only inside a test.)
  await vi.waitFor(
    async () => expect((await zone('z1')).reportedSettings, 'waiting for the first report').not.toBeNull(),
    { timeout: 15_000, interval: 50 },
  );
}, 60_000);

afterAll(async () => {
  sync?.stop();
  bridge?.stop();
  await closeDevice?.();
  await ingest?.close();
  await shadows?.close();
  await broker?.close();
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const zone = (key: string) => database.prisma.zone.findUniqueOrThrow({ where: { id: zoneIds[key]! } });

/** Options for expect.poll across broker, shadow service, bridge and ingest; a timeout names `what`. */
const patiently = (what: string) => ({ timeout: 15_000, interval: 50, message: `waiting for ${what}` });

describe('zone settings and commands from the zone page’s functions to the bridge and back', () => {
  it('a change goes pending, the bridge applies it, and the zone shows confirmed', async () => {
    const wanted = { ...config.zones[0]!.settings, moistureLow: 20.1, maxRunMinutes: 12 };
    await changeZoneSettings(database.prisma, ingest.publishDesired, farmer, zoneIds.z1!, wanted);
    expect(settingsStatus(await zone('z1')).state).toBe('pending');

    await expect
      .poll(async () => settingsStatus(await zone('z1')).state, patiently('confirmed settings'))
      .toBe('confirmed');
    expect(bridge.settings().z1).toEqual(wanted);
    expect((await zone('z1')).reportedSettings).toEqual(wanted);
    expect(outputs).toContainEqual({
      kind: 'event',
      event: expect.objectContaining({ type: 'settings-applied', zoneId: 'z1' }),
    });
  });

  it('an invalid desired value is refused with its reason and the zone keeps its settings', async () => {
    const before = bridge.settings().z2;
    // Valid for the dashboard's schema on its own, but the bridge also checks the whole zone: sent
    // straight to the shadow as another client could, a band upside down must be refused.
    await ingest.publishDesired(THING, { zones: { z2: { moistureLow: 45, moistureHigh: 30 } } });
    await expect
      .poll(async () => (await zone('z2')).refusedReason, patiently('a refusal'))
      .toMatch(/moistureLow must be below moistureHigh/);
    expect(bridge.settings().z2).toEqual(before);
    expect((await zone('z2')).reportedSettings).toEqual(before);
  });

  it('a run command reaches the control core once and is answered', async () => {
    await sendZoneCommand(database.prisma, ingest.publishDesired, farmer, zoneIds.z1!, { kind: 'run', minutes: 5 });
    await expect.poll(async () => (await zone('z1')).pendingCommand, patiently('the command answered')).toBeNull();
    const modes = outputs.filter(
      (o) => o.kind === 'event' && o.event.type === 'mode-changed' && o.event.zoneId === 'z1',
    );
    expect(modes).toContainEqual({
      kind: 'event',
      event: expect.objectContaining({ mode: expect.objectContaining({ kind: 'manual' }) }),
    });
    // Reconnect: the command is in desired still, and must not run again.
    const before = commandsToCore;
    expect(before).toBe(1);
    const next = once(handled, 'document');
    sync.refresh();
    await next;
    expect(commandsToCore).toBe(before);
  });
});
