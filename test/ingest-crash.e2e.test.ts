import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, applyMigrations, openDatabase } from '@seedline/db/setup';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Outbox, openOutbox } from '../firmware-bridge/src/reporting/outbox.ts';
import { messageSchema } from '../firmware-bridge/src/reporting/protocol.ts';
import type { Publisher } from '../firmware-bridge/src/reporting/publisher.ts';
import { type MqttLink } from '../firmware-bridge/src/reporting/mqtt.ts';
import { type RunningMosquitto, startMosquitto } from '../infra/local/mosquitto.ts';
import { ensurePki } from '../infra/local/pki.ts';
import { telemetryPayload, testGreenhouse } from '../web/app/ingest/testkit.ts';
import { webRoot } from '../web/server/app.ts';
import { type TestEndpoint, bridgePublisher, connectionFor, deviceLinkTo } from './support/mqtt.ts';

// Nothing acknowledged is lost when an ingest process dies (decision 038). Two `npm run ingest`
// processes share 20 bridges' traffic through a mutual-TLS Mosquitto (`$share`); while the bridges
// report, one of them is killed with SIGKILL ten times (each time with messages received, acked to
// the broker and not yet stored) and started again. Afterwards every seq of every bridge is stored
// exactly once: the bridges kept what ingest had not confirmed and sent it again.

const BRIDGES = 20;
const KILLS = 10;
/** Each bridge reports this often: 20 bridges make 200 messages a second. */
const REPORT_EVERY_MS = 100;
const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const name = `seedline_ingest_crash_${process.pid}`;
const things = Array.from({ length: BRIDGES }, (_, i) => `seedline-crash-${String(i + 1).padStart(2, '0')}`);

type Bridge = { thing: string; outbox: Outbox; link: MqttLink; publisher: Publisher; sent: Map<number, number> };
type IngestProcess = { clientId: string; child: ChildProcess; output: string[] };

let dir: string;
let database: Database;
let mosquitto: RunningMosquitto;
let endpoint: Extract<TestEndpoint, { tls: true }>;
let DATABASE_URL: string;
const bridges: Bridge[] = [];
const running = new Map<string, IngestProcess>();
const until = (done: () => boolean | Promise<boolean>, timeout: number, interval = 100) =>
  vi.waitUntil(done, { timeout, interval });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-ingest-crash-'));
  const { paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things });
  const { paths: services } = await ensurePki({ dir: path.join(dir, 'pki-services'), things: [] });
  mosquitto = await startMosquitto({
    tls: { caPath: pki.ca.cert, certPath: pki.broker.cert, keyPath: pki.broker.key },
    services: { caPath: services.ca.cert, certPath: services.broker.cert, keyPath: services.broker.key },
  });
  endpoint = { port: mosquitto.port, tls: true, pki, services: { port: mosquitto.servicesPort, pki: services } };
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  DATABASE_URL = databaseUrl(adminUrl, name);
  database = await openDatabase({ kind: 'postgres', url: DATABASE_URL });
  await applyMigrations(database.adapterFactory);
  for (const thing of things) await testGreenhouse(database.prisma, thing, [{ key: 'z1' }]);
}, 90_000);

afterAll(async () => {
  for (const { child } of running.values()) child.kill('SIGKILL');
  await Promise.all(bridges.map((b) => b.publisher.stop().then(() => b.link.close(1_000))));
  await mosquitto?.close();
  await database?.close();
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `npm run ingest` as a share-group member with its own persistent session (`clientId`). */
function startIngestProcess(clientId: string): IngestProcess {
  const ingest = connectionFor(endpoint, 'ingest');
  if (ingest.tls === false) throw new Error('the crash test runs over mutual TLS');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(webRoot, 'server', 'main.ts')], {
    cwd: webRoot,
    env: {
      PATH: process.env.PATH,
      // What `npm run ingest` sets.
      SEEDLINE_ROLES: 'ingest',
      NODE_ENV: 'production',
      DATABASE_URL,
      SESSION_SECRET: 'ingest-crash-test-secret-at-least-32-characters',
      SEEDLINE_DATA_DIR: path.join(dir, 'data'),
      INGEST_MQTT_ENDPOINT: '127.0.0.1',
      INGEST_MQTT_PORT: String(ingest.port),
      INGEST_CERT: ingest.certPath,
      INGEST_KEY: ingest.keyPath,
      INGEST_CA: ingest.caPath,
      INGEST_SHARE_GROUP: 'seedline-ingest',
      INGEST_CLIENT_ID: clientId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { clientId, child, output };
}

const isReady = (p: IngestProcess) => p.output.join('').includes('Ingest ready');

/** A bridge as the CLI runs it: outbox, publisher and link, confirmations heard; `sent` counts sends per seq. */
function startBridge(thing: string): Bridge {
  const outbox = openOutbox({ folder: path.join(dir, 'outboxes', thing) });
  const { link, states } = deviceLinkTo(endpoint, thing);
  const sent = new Map<number, number>();
  const publisher = bridgePublisher({ link, states }, thing, outbox, {
    send: (topic, payload) => {
      const seq = messageSchema.parse(JSON.parse(payload)).seq;
      sent.set(seq, (sent.get(seq) ?? 0) + 1);
      return link.publish(topic, payload);
    },
    // The CLI's rate (50 a second): 20 bridges as they run. Soon, not a minute: the test waits
    // for what the killed processes never confirmed.
    maxPerSecond: 50,
    confirmWithinMs: 3_000,
  });
  return { thing, outbox, link, publisher, sent };
}

/** Every bridge reports every REPORT_EVERY_MS until stopped; returns the last seq of each. */
function report(): { stop(): number } {
  let seq = 0;
  const timer = setInterval(() => {
    seq += 1;
    const at = Date.now();
    for (const b of bridges) b.outbox.enqueue(messageSchema.parse(telemetryPayload(b.thing, seq, at, ['z1'])));
  }, REPORT_EVERY_MS);
  return {
    stop() {
      clearInterval(timer);
      return seq;
    },
  };
}

async function storedSeqs(): Promise<Map<string, number[]>> {
  const rows = await database.prisma.ingestedMessage.findMany({
    select: { thingName: true, sequence: true },
    orderBy: [{ thingName: 'asc' }, { sequence: 'asc' }],
  });
  const byThing = new Map<string, number[]>(things.map((t) => [t, []]));
  for (const r of rows) byThing.get(r.thingName)!.push(Number(r.sequence));
  return byThing;
}

describe('ingest killed while bridges report', () => {
  it(`stores every seq of ${BRIDGES} bridges exactly once across ${KILLS} SIGKILLs of an ingest process`, async () => {
    for (const id of ['seedline-ingest-crash-a', 'seedline-ingest-crash-b']) running.set(id, startIngestProcess(id));
    await until(() => [...running.values()].every(isReady), 60_000);
    for (const thing of things) bridges.push(startBridge(thing));
    const reporting = report();

    // The two take turns: one is killed while the other stores and the first one starts again.
    for (let kill = 0; kill < KILLS; kill++) {
      const victim = running.get(kill % 2 === 0 ? 'seedline-ingest-crash-a' : 'seedline-ingest-crash-b')!;
      await until(() => isReady(victim), 60_000);
      // Killed while it stores: once more of the bridges' messages went in since it was ready.
      const before = await database.prisma.ingestedMessage.count();
      await until(async () => (await database.prisma.ingestedMessage.count()) >= before + 100, 30_000, 50);
      victim.child.kill('SIGKILL');
      await new Promise((resolve) => victim.child.once('exit', resolve));
      running.set(victim.clientId, startIngestProcess(victim.clientId));
    }
    const last = reporting.stop();

    // Everything the bridges hold is confirmed in the end: nothing is left to send.
    await until(() => bridges.every((b) => b.outbox.size().messages === 0), 90_000, 200).catch((error: unknown) => {
      const left = bridges.map((b) => `${b.thing}: ${b.outbox.size().messages}`).join(', ');
      const logs = [...running.values()].map((p) => p.output.join('').slice(-1_500)).join('\n---\n');
      throw new Error(`messages never confirmed: ${left}\n${logs}`, { cause: error });
    });

    const stored = await storedSeqs();
    const all = Array.from({ length: last }, (_, i) => i + 1);
    for (const thing of things) expect(stored.get(thing), thing).toEqual(all);
    // One reading per message and zone: nothing stored twice below the message rows either.
    expect(await database.prisma.telemetryReading.count()).toBe(BRIDGES * last);
    // The kills cost messages in flight, which went again: the path under test was taken.
    const resent = bridges.reduce((n, b) => n + [...b.sent.values()].filter((times) => times > 1).length, 0);
    expect(resent).toBeGreaterThan(0);
  }, 300_000);
});
