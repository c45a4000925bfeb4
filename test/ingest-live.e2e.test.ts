// Ingest live: a device publishes through the local aedes broker (mutual TLS, the real AWS IoT
// device SDK on both sides) and the ingest subscriber stores what it hears in the database.
// What must hold: valid telemetry and events become rows; a malformed message and a duplicate are
// counted and store nothing, and ingest keeps going; a persistent session keeps what was published
// while ingest was away.
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MqttLink } from '../firmware-bridge/src/reporting/mqtt.ts';
import { type Outbox, openOutbox } from '../firmware-bridge/src/reporting/outbox.ts';
import type { Publisher } from '../firmware-bridge/src/reporting/publisher.ts';
import { bridgePublisher, deviceLink } from './support/mqtt.ts';
import { eventsTopic, messageSchema, telemetryTopic } from '../firmware-bridge/src/reporting/protocol.ts';
import { type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { type PkiPaths, brokerTls, ensurePki } from '../infra/local/pki.ts';
import { type IngestOptions, type RunningIngest, startIngest } from '../web/app/ingest/subscriber.server.ts';
import { eventPayload, telemetryPayload, testGreenhouse } from '../web/app/ingest/testkit.ts';

const THING = 'seedline-test-1';
const T0 = Date.UTC(2026, 10, 28, 5, 0, 0);

let dir: string;
let pki: PkiPaths;
let broker: RunningBroker;
let database: Database;
let zones: { z1: string; z2: string };
const logLines: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-ingest-live-'));
  ({ paths: pki } = await ensurePki({ dir: path.join(dir, 'pki'), things: [THING] }));
  broker = await startBroker({
    port: 0,
    tls: await brokerTls(pki),
  });
  database = await openTestDatabase();
  const g = await testGreenhouse(database.prisma, THING);
  zones = { z1: g.zones.z1!, z2: g.zones.z2! };
});

// Each test reads only the lines logged during it: a line from the one before cannot satisfy its waits.
beforeEach(() => {
  logLines.length = 0;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

afterAll(async () => {
  await broker?.close();
  await database?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function ingest(clientId: string, over: Partial<IngestOptions> = {}): RunningIngest {
  const running = startIngest({
    db: database.prisma,
    endpoint: '127.0.0.1',
    port: broker.port,
    certPath: pki.ingest.cert,
    keyPath: pki.ingest.key,
    caPath: pki.ca.cert,
    clientId,
    flushMs: 50,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    log: (line) => logLines.push(line),
    ...over,
  });
  cleanups.push(() => running.close(2_000));
  return running;
}

const logEntries = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

/** Resolves with the first line ingest logs whose message starts with `msg`, or fails naming it. */
function logged(msg: string, timeout = 5_000): Promise<Record<string, unknown>> {
  return vi.waitFor(
    () => {
      const entry = logEntries().find((e) => String(e.msg).startsWith(msg));
      if (!entry) throw new Error(`ingest did not log "${msg}" within ${timeout} ms`);
      return entry;
    },
    { timeout, interval: 20 },
  );
}

/** A bridge as the CLI runs it (outbox on disk); sends again what ingest did not confirm within a second. */
async function reportingBridge(): Promise<{ outbox: Outbox; publisher: Publisher }> {
  const { link, states } = deviceLink(broker, pki, THING);
  const outbox = openOutbox({ folder: path.join(dir, `outbox-${Date.now()}`) });
  const publisher = bridgePublisher({ link, states }, THING, outbox, {
    maxPerSecond: 1_000,
    backoffMs: 100,
    maxBackoffMs: 500,
    confirmWithinMs: 1_000,
  });
  cleanups.push(async () => {
    await publisher.stop();
    await link.close(1_000);
  });
  await once(states, 'connected');
  return { outbox, publisher };
}

async function device(): Promise<MqttLink> {
  const { link, states } = deviceLink(broker, pki, THING);
  cleanups.push(() => link.close(1_000));
  await once(states, 'connected');
  return link;
}

function telemetry(seq: number): [string, string] {
  return [telemetryTopic(THING), JSON.stringify(telemetryPayload(THING, seq, T0 + seq * 1000))];
}

function event(seq: number, ev: Record<string, unknown>): [string, string] {
  return [eventsTopic(THING), JSON.stringify(eventPayload(THING, seq, ev.at, ev))];
}

const readings = (where: { sequence?: { gte: bigint; lte: bigint } } = {}) =>
  database.prisma.telemetryReading.count({ where: { thingName: THING, ...where } });
const seqRange = (from: number, to: number) => ({ sequence: { gte: BigInt(from), lte: BigInt(to) } });

describe('ingest through the broker', () => {
  it('stores telemetry and events as they arrive; counts a malformed message and a duplicate and goes on', async () => {
    const sub = ingest('seedline-ingest-e2e-a');
    await sub.ready();
    const link = await device();

    await link.publish(...telemetry(1));
    await link.publish(
      ...event(2, { type: 'water-started', at: T0 + 2000, zoneId: 'z1', rule: 'band-low', moisture: 31 }),
    );
    await link.publish(...telemetry(3));
    await link.publish(telemetryTopic(THING), '{"this is": not json');
    await link.publish(...telemetry(3)); // a duplicate
    await link.publish(
      ...event(4, {
        type: 'water-stopped',
        at: T0 + 600_000,
        zoneId: 'z1',
        rule: 'band-high',
        litres: 84.5,
        startedAt: T0 + 2000,
        moisture: 42,
      }),
    );
    await link.publish(...telemetry(5)); // after the bad ones: ingest goes on

    const stats = await sub.until((s) => s.received >= 7 && s.stored + s.duplicates + s.rejected >= 7);
    expect(stats).toEqual({ received: 7, stored: 5, duplicates: 1, rejected: 1, clamped: 0, shed: 0 });
    // Two zones per telemetry message, each seq once.
    expect(await readings(seqRange(1, 5))).toBe(6);
    const runs = await database.prisma.irrigationRun.findMany({ where: { zoneId: zones.z1 } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'COMPLETED', startRule: 'band-low', stopRule: 'band-high', litres: 84.5 });
    // Caught up: the hour's roll-up already counts the three readings of z1.
    const hourly = await database.prisma.zoneHourly.findMany({ where: { zoneId: zones.z1 } });
    expect(hourly.map((h) => h.samples)).toEqual([3]);

    const rejection = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.msg === 'message rejected');
    expect(rejection).toMatchObject({ level: 'warn', topic: telemetryTopic(THING) });
    expect(typeof rejection?.reason).toBe('string');
  });

  it('keeps what was published while ingest was stopped (persistent session), and stores it on restart', async () => {
    const clientId = 'seedline-ingest-e2e-b';
    const first = ingest(clientId);
    await first.ready();
    const link = await device();
    for (let seq = 100; seq < 110; seq += 1) await link.publish(...telemetry(seq));
    await first.until((s) => s.stored >= 10);
    await first.close();

    // Acked by the broker and queued in ingest's session while nobody listens.
    for (let seq = 110; seq < 140; seq += 1) await link.publish(...telemetry(seq));
    expect(await readings(seqRange(110, 139))).toBe(0);

    const second = ingest(clientId);
    await second.until((s) => s.stored >= 30);
    // A few more after the restart: the subscription is live again.
    for (let seq = 140; seq < 145; seq += 1) await link.publish(...telemetry(seq));
    const stats = await second.until((s) => s.stored >= 35);
    expect(stats).toMatchObject({ stored: 35, duplicates: 0, rejected: 0 });
    expect(await readings(seqRange(100, 144))).toBe(45 * 2);
  });

  it('rejects a message the database refuses on its own, stores the rest of its batch and goes on', async () => {
    const sub = ingest('seedline-ingest-e2e-d', { flushMs: 500 });
    await sub.ready();
    const link = await device();
    await link.publish(...telemetry(300));
    // Valid by the schema; PostgreSQL text cannot hold a NUL character.
    await link.publish(
      ...event(301, {
        type: 'alarm-raised',
        at: T0 + 301_000,
        zoneId: 'z1',
        alarm: 'sensor-stuck',
        message: 'stuck\u0000',
        needsAck: false,
      }),
    );
    await link.publish(...telemetry(302));
    const stats = await sub.until((s) => s.stored + s.rejected >= 3);
    expect(stats).toMatchObject({ received: 3, stored: 2, rejected: 1 });
    expect(await readings(seqRange(300, 302))).toBe(4);
    const rejection = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.msg === 'message rejected' && String(entry.reason).startsWith('the database refused it'));
    expect(rejection).toMatchObject({ level: 'warn', topic: eventsTopic(THING) });

    // Later messages go in as usual.
    await link.publish(...telemetry(303));
    await sub.until((s) => s.stored >= 3);
    expect(await readings(seqRange(303, 303))).toBe(2);
  });

  it('sheds what comes while its buffer is full during a database outage; the bridge sends it again, stored once', async () => {
    let down = true;
    const db = new Proxy(database.prisma, {
      get(target, prop, receiver) {
        if (prop === '$transaction' && down) return () => Promise.reject(new Error('database unavailable (test)'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const sub = ingest('seedline-ingest-e2e-f', { db, maxBuffered: 10, retryMinMs: 20, retryMaxMs: 100 });
    await sub.ready();
    const bridge = await reportingBridge();
    for (let seq = 600; seq < 640; seq += 1) {
      bridge.outbox.enqueue(messageSchema.parse(telemetryPayload(THING, seq, T0 + seq * 1000)));
    }
    bridge.publisher.wake();

    // Ingest kept ten and sheds the rest; the bridge keeps all forty until they are confirmed.
    await logged('buffer full: shedding messages');
    await vi.waitFor(() => expect(sub.stats().shed).toBeGreaterThanOrEqual(30), { timeout: 5_000 });
    expect(sub.stats()).toMatchObject({ received: 10, stored: 0 });
    expect(bridge.outbox.size().messages).toBe(40);

    down = false;
    const stats = await sub.until((s) => s.stored >= 40, 30_000);
    expect(stats).toMatchObject({ stored: 40, rejected: 0 });
    expect(await readings(seqRange(600, 639))).toBe(80);
    await logged('buffer drained: keeping messages again');
    // Every message confirmed: the bridge has forgotten them all.
    await vi.waitFor(() => expect(bridge.outbox.size().messages).toBe(0), { timeout: 5_000 });
  });

  it('retries a batch the database refused, losing nothing', async () => {
    let failures = 2;
    const db = new Proxy(database.prisma, {
      get(target, prop, receiver) {
        // ingestBatch opens one transaction per batch: refuse the first ones.
        if (prop === '$transaction' && failures > 0) {
          return () => {
            failures -= 1;
            return Promise.reject(new Error('database unavailable (test)'));
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const sub = ingest('seedline-ingest-e2e-c', { db, retryMinMs: 20, retryMaxMs: 50 });
    await sub.ready();
    const link = await device();
    for (let seq = 200; seq < 205; seq += 1) await link.publish(...telemetry(seq));
    const stats = await sub.until((s) => s.stored >= 5);
    expect(stats).toMatchObject({ received: 5, stored: 5, duplicates: 0, rejected: 0 });
    expect(failures).toBe(0);
    expect(await readings(seqRange(200, 204))).toBe(10);
    expect(logLines.some((line) => line.includes('storing a batch failed'))).toBe(true);
  });
});
