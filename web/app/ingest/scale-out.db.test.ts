import { randomBytes } from 'node:crypto';
import { mqtt } from 'aws-iot-device-sdk-v2';
import type { PrismaClient } from '@seedline/db';
import { type Database, openDatabase } from '@seedline/db/setup';
import { databaseUrl, openTestDatabase, testDbKind } from '@seedline/db/testing';
import { newConnection } from '@seedline/firmware-bridge/mqtt-connection';
import { eventsTopic, telemetryTopic } from '@seedline/firmware-bridge/protocol';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SYSTEM_MOSQUITTO, discardSession } from '../../../test/support/mosquitto.ts';
import { type RunningIngest, startIngest } from './subscriber.server.ts';
import { eventPayload, telemetryPayload, testFarmer, testGreenhouse } from './testkit.ts';

// Ingest scaled out: three ingest instances, each with its own MQTT connection and its own Prisma
// client, share the bridges' traffic through a shared subscription on the machine's Mosquitto
// (127.0.0.1:1883, plain). The stream goes out shuffled and with duplicates; the database must end
// exactly as one ingest that heard it in order leaves it. PostgreSQL only: PGlite serves one process.

/** How ingest and the publisher reach it. */
const BROKER = { endpoint: '127.0.0.1', port: 1883, tls: false } as const;
const run = randomBytes(4).toString('hex');
const things = ['a', 'b', 'c'].map((x) => `gh-scale-${x}-${run}`);
const t0 = Math.floor((Date.now() - 2 * 86_400_000) / 3_600_000) * 3_600_000;
const minute = 60_000;

type Sent = { topic: string; payload: string };

/** One bridge's three hours: telemetry every 2 minutes, a watering every half hour, alarms that come and go. */
function recordedStream(thing: string): Sent[] {
  const out: { at: number; topic: string; body: (seq: number) => object }[] = [];
  for (let i = 0; i < 90; i++) {
    const at = t0 + i * 2 * minute;
    out.push({
      at,
      topic: telemetryTopic(thing),
      body: (seq) => {
        const message = telemetryPayload(thing, seq, at);
        message.zones.forEach((zone, z) => {
          zone.moisture = 30 + ((i * (z + 1)) % 14);
          zone.litresToday = 20 * Math.floor(i / 15) + z;
          zone.valveOpen = i % 15 === 1;
        });
        return { ...message, series: 's1' };
      },
    });
  }
  const event = (at: number, e: Record<string, unknown>) =>
    out.push({
      at,
      topic: eventsTopic(thing),
      body: (seq) => ({ ...eventPayload(thing, seq, at, { at, ...e }), series: 's1' }),
    });
  for (let start = t0 + minute; start < t0 + 180 * minute; start += 30 * minute) {
    event(start, { type: 'water-started', zoneId: 'z1', rule: 'band-low', moisture: 30 });
    event(start + 5 * minute, {
      type: 'water-stopped',
      zoneId: 'z1',
      rule: 'max-run',
      litres: 20,
      startedAt: start,
      moisture: 40,
    });
  }
  const raise = (at: number, text: string) =>
    event(at, { type: 'alarm-raised', zoneId: 'z2', alarm: 'sensor-stale', message: text, needsAck: false });
  const clear = (at: number) => event(at, { type: 'alarm-cleared', zoneId: 'z2', alarm: 'sensor-stale' });
  raise(t0 + 20 * minute, 'first');
  raise(t0 + 25 * minute, 'raised again after a restart');
  clear(t0 + 40 * minute);
  clear(t0 + 45 * minute);
  raise(t0 + 100 * minute, 'second');
  clear(t0 + 110 * minute);
  raise(t0 + 150 * minute, 'still open');
  event(t0 + 60 * minute, {
    type: 'alarm-raised',
    zoneId: null,
    alarm: 'leak',
    message: 'flow with valves shut',
    needsAck: true,
  });
  event(t0 + 62 * minute, { type: 'alarm-cleared', zoneId: null, alarm: 'leak' });
  return out.sort((a, b) => a.at - b.at).map(({ topic, body }, i) => ({ topic, payload: JSON.stringify(body(i + 1)) }));
}

/** A deterministic shuffle (mulberry32), so that a failure can be run again as it was. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function publishAll(messages: readonly Sent[]): Promise<void> {
  const link = newConnection({
    ...BROKER,
    clientId: `seedline-scale-publisher-${run}`,
    transport: { tls: false },
    cleanSession: true,
  });
  await link.connect();
  await Promise.all(messages.map((m) => link.publish(m.topic, m.payload, mqtt.QoS.AtLeastOnce)));
  await link.disconnect();
}

function ingestInto(prisma: PrismaClient, name: string, shareGroup?: string): RunningIngest {
  return startIngest({
    db: prisma,
    ...BROKER,
    clientId: `seedline-scale-${name}-${run}`,
    shareGroup,
    batchSize: 50,
    flushMs: 20,
    log: () => undefined,
  });
}

/** Every table ingest writes, ids replaced by what they stand for, times of storing left out. */
async function canonicalDump(prisma: PrismaClient): Promise<Record<string, string[]>> {
  const names = new Map<string, string>();
  for (const g of await prisma.greenhouse.findMany({ include: { zones: true } })) {
    names.set(g.id, g.thingName);
    for (const z of g.zones) names.set(z.id, `${g.thingName}/${z.key}`);
  }
  for (const f of await prisma.farm.findMany()) names.set(f.id, f.code);
  for (const u of await prisma.user.findMany()) names.set(u.id, u.email);
  for (const a of await prisma.alarm.findMany()) {
    names.set(
      a.id,
      `${names.get(a.greenhouseId)}/${a.zoneId && names.get(a.zoneId)}/${a.kind}/${a.raisedAt.toISOString()}`,
    );
  }
  const volatile = new Set(['id', 'receivedAt', 'updatedAt', 'createdAt', 'lastSeenAt', 'nextAttemptAt', 'payload']);
  const tables = ['IngestedMessage', 'TelemetryReading', 'ZoneLive', 'ZoneHourly', 'ZoneHourlyStale', 'IrrigationRun'];
  const dump: Record<string, string[]> = {};
  for (const table of [...tables, 'Alarm', 'AlarmSignal', 'Notification', 'Greenhouse']) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    dump[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.entries(row)
            .filter(([column]) => !volatile.has(column))
            .map(([column, value]) => [column, typeof value === 'string' ? (names.get(value) ?? value) : value]),
          (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
        ),
      )
      .sort();
  }
  return dump;
}

const postgres = testDbKind() === 'postgres';
let shared: Database;
let single: Database;
const openedHere: Database[] = [];

beforeAll(async () => {
  if (!postgres) return;
  shared = await openTestDatabase();
  single = await openTestDatabase();
  for (const db of [shared, single]) {
    await testFarmer(db.prisma, `farmer-${run}@example.com`);
    for (const thing of things) await testGreenhouse(db.prisma, thing);
  }
});
afterAll(async () => {
  // The shared Mosquitto keeps persistent sessions on disk: left behind, each would queue every message that follows.
  if (postgres) {
    for (const name of ['alone', 'shared-0', 'shared-1', 'shared-2']) {
      await discardSession(SYSTEM_MOSQUITTO, `seedline-scale-${name}-${run}`);
    }
  }
  for (const db of openedHere) await db.close();
  await shared?.close();
  await single?.close();
});

describe.skipIf(!postgres)('ingest scaled out over a shared subscription (postgres)', () => {
  it(
    'ends with the database one ingest makes of the same messages in order, from three instances fed shuffled duplicates',
    { timeout: 90_000 },
    async () => {
      const streams = things.map(recordedStream);
      const inOrder = streams.flat();

      // One ingest, everything in order (each bridge's messages in its order, one bridge after another).
      const alone = ingestInto(single.prisma, 'alone');
      await alone.ready();
      await publishAll(inOrder);
      await alone.until((s) => s.stored + s.duplicates + s.rejected >= inOrder.length, 30_000);
      await alone.close();

      // Three ingest instances, each its own connection and database client, in one share group.
      const context = inject('seedlineTestDb');
      if (context?.kind !== 'postgres') throw new Error('the PostgreSQL test setup is missing');
      const [current] = await shared.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
      const url = databaseUrl(context.adminUrl, current!.name);
      const instances: RunningIngest[] = [];
      for (let i = 0; i < 3; i++) {
        const db = await openDatabase({ kind: 'postgres', url });
        openedHere.push(db);
        instances.push(ingestInto(db.prisma, `shared-${i}`, `seedline-scale-${run}`));
      }
      await Promise.all(instances.map((i) => i.ready()));
      const withDuplicates = [
        ...inOrder,
        ...inOrder.filter((_, i) => i % 4 === 0),
        ...inOrder.filter((_, i) => i % 9 === 0),
      ];
      await publishAll(shuffled(withDuplicates, 34));
      // The broker hands each copy to one instance; each instance then stores what it holds.
      const received = () => instances.reduce((sum, i) => sum + i.stats().received, 0);
      await expect.poll(received, { timeout: 30_000 }).toBe(withDuplicates.length);
      await Promise.all(
        instances.map((i) => i.until((s) => s.stored + s.duplicates + s.rejected >= s.received, 30_000)),
      );
      const stats = instances.map((i) => i.stats());
      await Promise.all(instances.map((i) => i.close()));

      // Each instance took a share, and each message was stored once.
      expect(stats.every((s) => s.received > 0 && s.received < withDuplicates.length)).toBe(true);
      expect(stats.reduce((sum, s) => sum + s.stored, 0)).toBe(inOrder.length);
      expect(stats.reduce((sum, s) => sum + s.rejected, 0)).toBe(0);
      expect(alone.stats()).toMatchObject({ stored: inOrder.length, duplicates: 0, rejected: 0 });

      const expected = await canonicalDump(single.prisma);
      // The stream did reach every table the comparison covers.
      expect(expected.IrrigationRun).toHaveLength(3 * 6);
      expect(expected.Alarm).toHaveLength(3 * 4);
      expect(expected.Notification?.length).toBeGreaterThan(0);
      expect(expected.ZoneHourly).toHaveLength(3 * 2 * 3);
      expect(expected.ZoneHourlyStale).toEqual([]);
      expect(await canonicalDump(shared.prisma)).toEqual(expected);
    },
  );
});
