// The local shadow service and the bridge's shadow sync through the embedded broker: settings and
// commands go desired → bridge → reported, a bad value is refused and never applied, and a
// restarted service still has every document.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ZoneCommand, ZoneSettings } from '../../../firmware-bridge/src/control/index.ts';
import { type MqttLink, connectMqtt } from '../../../firmware-bridge/src/reporting/mqtt.ts';
import { type ShadowSync, startShadowSync } from '../../../firmware-bridge/src/reporting/shadow-sync.ts';
import { shadowTopic } from '../../../firmware-bridge/src/reporting/shadow.ts';
import { type RunningBroker, startBroker } from '../broker.ts';
import { type CertPaths, type PkiPaths, brokerTls, ensurePki } from '../pki.ts';
import { type ShadowService, startShadowService } from './service.ts';

const A = 'seedline-xh-nm1';
const base: ZoneSettings = {
  moistureLow: 22,
  moistureHigh: 28,
  maxRunMinutes: 10,
  minSoakMinutes: 30,
  dailyBudgetLitres: 800,
  windows: [{ from: '05:00', to: '18:00' }],
  fallbackWatering: true,
};

let dir: string;
let pki: PkiPaths;
let broker: RunningBroker;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-shadow-test-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [A] }));
  broker = await startBroker({
    port: 0,
    tls: await brokerTls(pki),
  });
}, 30_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await broker?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function link(certs: CertPaths, clientId: string, onConnected?: () => void): MqttLink {
  const opened = connectMqtt({
    endpoint: '127.0.0.1',
    port: broker.port,
    clientId,
    certPath: certs.cert,
    keyPath: certs.key,
    caPath: pki.ca.cert,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 1,
    connectTimeoutMs: 3_000,
    onState: (state) => {
      if (state.kind === 'connected' || state.kind === 'resumed') onConnected?.();
    },
  });
  cleanups.push(() => opened.close(1_000));
  return opened;
}

function service(file = path.join(dir, 'shadows.json')): ShadowService {
  const started = startShadowService({
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: pki.shadowService.cert,
    keyPath: pki.shadowService.key,
    caPath: pki.ca.cert,
    file,
  });
  cleanups.push(() => started.close());
  return started;
}

/** A bridge stand-in: the zone settings it runs and the commands the core would see. */
function bridge(refuse: (command: ZoneCommand) => string | null = () => null) {
  const settings: Record<string, ZoneSettings> = { z1: base, z2: { ...base, moistureLow: 20 } };
  const commands: ZoneCommand[] = [];
  const refusals: string[] = [];
  /** Versions of the shadow documents the sync has handled, in order. */
  const documents: number[] = [];
  const holder: { sync?: ShadowSync } = {};
  const device = link(pki.thing(A), A, () => holder.sync?.refresh());
  const sync = startShadowSync({
    thing: A,
    link: device,
    log: () => undefined,
    getRetryMs: 300,
    onDocument: (version) => documents.push(version),
    target: {
      settings: () => settings,
      applySettings: (zoneId, next) => (settings[zoneId] = next),
      refuseSettings: (_zoneId, reason) => refusals.push(reason),
      command: (command, onOutcome) => {
        commands.push(command);
        // The core answers on its next tick.
        setTimeout(() => onOutcome(refuse(command)), 10);
      },
      clock: () => Date.now(),
    },
  });
  holder.sync = sync;
  if (device.connected()) sync.refresh();
  cleanups.push(async () => sync.stop());
  return { settings, commands, refusals, documents };
}

/** Options for expect.poll on the broker round trips here; a timeout names `what`. */
const patiently = (what: string) => ({ timeout: 10_000, interval: 20, message: `waiting for ${what}` });

async function connected(l: MqttLink) {
  await expect.poll(() => l.connected(), patiently('the connection')).toBe(true);
  return l;
}

const desire = (l: MqttLink, desired: object) =>
  l.publish(shadowTopic(A, 'update'), JSON.stringify({ state: { desired } }));

type Reported = {
  zones?: Record<string, ZoneSettings>;
  refused?: Record<string, string>;
  commands?: Record<string, { id: string; status: string; reason?: string }>;
};
const reportedOf = (s: ShadowService) => s.document(A)?.reported as Reported | undefined;

describe('the irrigation shadow between cloud and bridge', () => {
  it('creates the shadow from what the bridge runs, applies a desired change and reports it', async () => {
    const shadows = service(path.join(dir, 'round-trip.json'));
    const device = bridge();
    await expect.poll(() => reportedOf(shadows)?.zones?.z1, patiently('the first report')).toBeDefined();
    expect(reportedOf(shadows)?.zones).toEqual(device.settings);

    const cloud = await connected(link(pki.ingest, 'seedline-ingest'));
    await desire(cloud, { zones: { z1: { moistureLow: 24 } } });
    await expect.poll(() => reportedOf(shadows)?.zones?.z1?.moistureLow, patiently('reported settings')).toBe(24);
    expect(device.settings.z1).toEqual({ ...base, moistureLow: 24 });
    // Nothing left to do: desired is what the bridge reports.
    const doc = shadows.document(A)!;
    expect(doc.desired).toEqual({ zones: { z1: { moistureLow: 24 } } });
  });

  it('refuses an invalid desired value with its reason, keeps the settings, and clears the refusal once fixed', async () => {
    const shadows = service(path.join(dir, 'refusal.json'));
    const device = bridge();
    const cloud = await connected(link(pki.ingest, 'seedline-ingest'));
    await expect.poll(() => reportedOf(shadows)?.zones, patiently('the first report')).toBeDefined();

    await desire(cloud, { zones: { z2: { moistureHigh: 10 } } });
    await expect
      .poll(() => reportedOf(shadows)?.refused?.z2, patiently('a refusal'))
      .toMatch(/moistureLow must be below moistureHigh/);
    const reason = reportedOf(shadows)?.refused?.z2;
    expect(device.settings.z2).toEqual({ ...base, moistureLow: 20 });
    expect(reportedOf(shadows)?.zones?.z2?.moistureHigh).toBe(28);
    expect(device.refusals).toEqual([reason]);

    await desire(cloud, { zones: { z2: { moistureHigh: 26 } } });
    await expect
      .poll(() => reportedOf(shadows)?.zones?.z2?.moistureHigh, patiently('the fixed value applied'))
      .toBe(26);
    expect(reportedOf(shadows)?.refused?.z2).toBeUndefined();
  });

  it('runs a command once, reports its outcome, and does not run it again after a reconnect', async () => {
    const file = path.join(dir, 'commands.json');
    const shadows = service(file);
    const first = bridge((c) => (c.kind === 'pause' ? 'pause until must be in the future' : null));
    const cloud = await connected(link(pki.ingest, 'seedline-ingest'));
    await expect.poll(() => reportedOf(shadows)?.zones, patiently('the first report')).toBeDefined();

    await desire(cloud, {
      commands: {
        z1: { id: 'c1', kind: 'run', minutes: 5, issuedAt: Date.now() },
        z2: { id: 'c2', kind: 'pause', until: Date.now() + 60_000, issuedAt: Date.now() },
      },
    });
    await expect.poll(() => reportedOf(shadows)?.commands?.z2, patiently('the outcome of c2')).toBeDefined();
    await expect.poll(() => reportedOf(shadows)?.commands?.z1, patiently('the outcome of c1')).toBeDefined();
    expect(first.commands).toEqual([
      expect.objectContaining({ kind: 'run', zoneId: 'z1', minutes: 5 }),
      expect.objectContaining({ kind: 'pause', zoneId: 'z2' }),
    ]);
    expect(reportedOf(shadows)?.commands?.z1).toMatchObject({ id: 'c1', status: 'applied' });
    expect(reportedOf(shadows)?.commands?.z2).toMatchObject({
      id: 'c2',
      status: 'refused',
      reason: 'pause until must be in the future',
    });

    // A restarted bridge (and a restarted shadow service, from its file) sees the same document.
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    const again = service(file);
    const second = bridge();
    await connected(link(pki.ingest, 'seedline-ingest'));
    await expect.poll(() => again.document(A), patiently('the document from the file')).toBeTruthy();
    // Once the new bridge has handled the whole document, nothing has run again.
    await expect.poll(() => second.documents.length, patiently('the bridge to handle the document')).toBeGreaterThan(0);
    expect(second.commands).toEqual([]);
  });
});
