import type { Database } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { MAX_MESSAGE_BYTES, PROTOCOL_VERSION, eventsTopic, telemetryTopic } from '@seedline/firmware-bridge/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStaleHourly } from './hourly.server.ts';
import { type IngestItem, ingestBatch } from './store.server.ts';
import { eventPayload, telemetryPayload, testGreenhouse } from './testkit.ts';

// One database for the file; every test uses its own thing (greenhouse), so tests do not meet.

let database: Database;
const prisma = () => database.prisma;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const t0 = Date.UTC(2026, 10, 28, 5, 0, 0);

/** A greenhouse with zones z1 and z2 for `thing`; returns the zone ids by key. */
async function greenhouse(thing: string): Promise<{ id: string; z1: string; z2: string }> {
  const g = await testGreenhouse(prisma(), thing);
  return { id: g.id, z1: g.zones.z1!, z2: g.zones.z2! };
}

// Received after every message of these tests is dated (a bridge reports what already happened).
const received = new Date(t0 + 7 * 86_400_000);

function telemetry(thing: string, seq: number, zones = ['z1', 'z2'], at = t0 + seq * 1000): IngestItem {
  const payload = telemetryPayload(thing, seq, at, zones);
  return { topic: telemetryTopic(thing), payload: JSON.stringify(payload), receivedAt: received };
}

function event(thing: string, seq: number, ev: Record<string, unknown>): IngestItem {
  return {
    topic: eventsTopic(thing),
    payload: new TextEncoder().encode(JSON.stringify(eventPayload(thing, seq, t0 + seq * 1000, ev))),
    receivedAt: received,
  };
}

const readings = (thingName: string) => prisma().telemetryReading.count({ where: { thingName } });
const messages = (thingName: string) => prisma().ingestedMessage.count({ where: { thingName } });

describe(`ingestBatch (${testDbKind()})`, () => {
  it('stores telemetry once, one reading per zone, when the same batch is ingested twice', async () => {
    const g = await greenhouse('gh-twice');
    const batch = [telemetry('gh-twice', 1), telemetry('gh-twice', 2)];

    // Both times ingest is done with both: a bridge may forget them (confirmations.server.ts).
    const settled = [1, 2].map((seq) => ({ thing: 'gh-twice', series: '', seq }));
    expect(await ingestBatch(prisma(), batch)).toEqual({
      stored: 2,
      duplicates: 0,
      rejected: [],
      clamped: 0,
      restarted: [],
      settled,
    });
    expect(await ingestBatch(prisma(), batch)).toEqual({
      stored: 0,
      duplicates: 2,
      rejected: [],
      clamped: 0,
      restarted: [],
      settled,
    });

    expect(await readings('gh-twice')).toBe(4);
    expect(await messages('gh-twice')).toBe(2);
    const z1 = await prisma().telemetryReading.findMany({ where: { zoneId: g.z1 }, orderBy: { sequence: 'asc' } });
    expect(
      z1.map((r) => [Number(r.sequence), r.at.getTime(), r.moisture, r.temperature, r.humidity, r.litresToday]),
    ).toEqual([
      [1, t0 + 1000, 35, 29.5, 71, 10],
      [2, t0 + 2000, 35, 29.5, 71, 10],
    ]);
  });

  it('stores the messages of a bridge that restarted its numbering under a new series, and says so', async () => {
    await greenhouse('gh-restart');
    const sent = (series: string | undefined, seq: number, at: number): IngestItem => ({
      topic: telemetryTopic('gh-restart'),
      payload: JSON.stringify({ ...telemetryPayload('gh-restart', seq, at, ['z1']), series }),
      receivedAt: received,
    });
    // Before series existed, then the first series: numbers carry on, nothing to say.
    await ingestBatch(prisma(), [sent(undefined, 1, t0 + 1000), sent('old-gateway', 2, t0 + 2000)]);
    // The gateway is replaced: numbering starts again at 1, the day after.
    const later = t0 + 86_400_000;
    expect(await ingestBatch(prisma(), [sent('new-gateway', 1, later), sent('new-gateway', 2, later + 1000)])).toEqual({
      stored: 2,
      duplicates: 0,
      rejected: [],
      clamped: 0,
      restarted: [{ thing: 'gh-restart', series: 'new-gateway' }],
      settled: [1, 2].map((seq) => ({ thing: 'gh-restart', series: 'new-gateway', seq })),
    });
    expect(
      await ingestBatch(prisma(), [sent('new-gateway', 2, later + 1000), sent('new-gateway', 3, later + 2000)]),
    ).toMatchObject({ stored: 1, duplicates: 1, rejected: [], clamped: 0, restarted: [] });
    const stored = await prisma().telemetryReading.findMany({
      where: { thingName: 'gh-restart' },
      orderBy: { at: 'asc' },
    });
    expect(stored.map((r) => r.at.getTime())).toEqual([t0 + 1000, t0 + 2000, later, later + 1000, later + 2000]);
    expect(await prisma().greenhouse.findUnique({ where: { thingName: 'gh-restart' } })).toMatchObject({
      messageSeries: 'new-gateway',
    });
  });

  it('stores a summary as one reading per zone at its end time, with average moisture and the day counter', async () => {
    const g = await greenhouse('gh-summary');
    const payload = {
      v: PROTOCOL_VERSION,
      thing: 'gh-summary',
      seq: 10,
      at: t0 + 3_600_000,
      kind: 'summary',
      throughSeq: 70,
      from: t0,
      to: t0 + 3_600_000,
      samples: 60,
      zones: [
        {
          id: 'z1',
          moisture: { min: 30, avg: 33.5, max: 37, samples: 60 },
          litres: 40,
          litresToday: 90,
          openMinutes: 5,
          valveOpen: false,
        },
        { id: 'z2', moisture: null, litres: 0, litresToday: 0, openMinutes: 0, valveOpen: false },
      ],
    };
    const result = await ingestBatch(prisma(), [
      { topic: telemetryTopic('gh-summary'), payload: JSON.stringify(payload), receivedAt: received },
    ]);
    expect(result).toMatchObject({ stored: 1, duplicates: 0, rejected: [], clamped: 0, restarted: [] });
    const rows = await prisma().telemetryReading.findMany({ where: { thingName: 'gh-summary' } });
    const byZone = new Map(rows.map((r) => [r.zoneId, r]));
    expect(byZone.get(g.z1)).toMatchObject({
      at: new Date(t0 + 3_600_000),
      moisture: 33.5,
      litresToday: 90,
      flowLpm: null,
    });
    expect(byZone.get(g.z2)).toMatchObject({ moisture: null, litresToday: 0 });
  });

  it('keeps hourly roll-ups of a zone (moisture, band share, climate, litres from the day counter) right when a reading arrives late', async () => {
    const g = await greenhouse('gh-hourly');
    const hour = (h: number, m: number) => Date.UTC(2026, 10, 28, h, m);
    const reading = (seq: number, at: number, moisture: number, litresToday: number): IngestItem => {
      const item = telemetry('gh-hourly', seq, ['z1'], at);
      const payload = JSON.parse(item.payload as string) as { zones: { moisture: number; litresToday: number }[] };
      payload.zones[0] = { ...payload.zones[0]!, moisture, litresToday };
      return { ...item, payload: JSON.stringify(payload) };
    };
    const rollups = async () =>
      (await prisma().zoneHourly.findMany({ where: { zoneId: g.z1 }, orderBy: { hour: 'asc' } })).map((h) => ({
        hour: h.hour.getTime(),
        samples: h.samples,
        moisture: [h.moistureMin, h.moistureAvg, h.moistureMax],
        inBandShare: h.inBandShare,
        litres: h.litres,
        temperature: h.temperature,
      }));

    await ingestBatch(prisma(), [reading(1, hour(5, 10), 30, 0), reading(3, hour(6, 5), 44, 50)]);
    // Not recomputed in the batch: the hours are stale until a refresh.
    expect(await rollups()).toEqual([]);
    expect(await refreshStaleHourly(prisma())).toBeGreaterThanOrEqual(1);
    expect((await rollups()).map((h) => h.litres)).toEqual([0, 50]);

    // Seq 2 comes late, with a counter reset after it (the local day turned).
    await ingestBatch(prisma(), [reading(2, hour(5, 40), 36, 20), reading(4, hour(7, 0), 38, 5)]);
    // Ingesting the same messages again changes nothing.
    await ingestBatch(prisma(), [reading(2, hour(5, 40), 36, 20), reading(1, hour(5, 10), 30, 0)]);
    await refreshStaleHourly(prisma());
    expect(await prisma().zoneHourlyStale.count({ where: { zoneId: g.z1 } })).toBe(0);
    expect(await rollups()).toEqual([
      { hour: hour(5, 0), samples: 2, moisture: [30, 33, 36], inBandShare: 0.5, litres: 20, temperature: 29.5 },
      { hour: hour(6, 0), samples: 1, moisture: [44, 44, 44], inBandShare: 0, litres: 30, temperature: 29.5 },
      { hour: hour(7, 0), samples: 1, moisture: [38, 38, 38], inBandShare: 1, litres: 5, temperature: 29.5 },
    ]);
  });

  it('lets a report dated far ahead of its arrival set live state at its arrival, so it does not pin the zone', async () => {
    const thing = 'gh-clock';
    const { z1 } = await greenhouse(thing);
    const nextYear = t0 + 365 * 86_400_000;
    const result = await ingestBatch(prisma(), [telemetry(thing, 1, ['z1'], nextYear)]);
    expect(result).toMatchObject({ stored: 1, clamped: 1 });
    const live = await prisma().zoneLive.findUniqueOrThrow({ where: { zoneId: z1 } });
    expect(live.at).toEqual(received);
    // Its reading keeps the bridge's own time: what the bridge said is not rewritten.
    const reading = await prisma().telemetryReading.findFirstOrThrow({ where: { zoneId: z1, thingName: thing } });
    expect(reading.at).toEqual(new Date(nextYear));
    // The bridge's next correct report replaces it, as a report after the clock was fixed must.
    const later = new Date(received.getTime() + 60_000);
    const fixed = { ...telemetry(thing, 2, ['z1'], later.getTime()), receivedAt: later };
    expect(await ingestBatch(prisma(), [fixed])).toMatchObject({ stored: 1, clamped: 0, restarted: [] });
    expect((await prisma().zoneLive.findUniqueOrThrow({ where: { zoneId: z1 } })).at).toEqual(later);
  });

  it('stores a message repeated inside one batch once and counts the repeat as a duplicate', async () => {
    await greenhouse('gh-repeat');
    const result = await ingestBatch(prisma(), [telemetry('gh-repeat', 7), telemetry('gh-repeat', 7)]);
    expect(result).toMatchObject({ stored: 1, duplicates: 1, rejected: [], clamped: 0, restarted: [] });
    expect(await readings('gh-repeat')).toBe(2);
  });

  it('rejects malformed JSON, an oversized payload, a wrong-thing topic and an unknown zone with reasons, and stores the good messages beside them', async () => {
    await greenhouse('gh-bad');
    const wrongThing = telemetry('gh-bad', 3);
    const result = await ingestBatch(prisma(), [
      telemetry('gh-bad', 1),
      { topic: telemetryTopic('gh-bad'), payload: '{"v":1,', receivedAt: received },
      { topic: telemetryTopic('gh-bad'), payload: 'x'.repeat(MAX_MESSAGE_BYTES + 1), receivedAt: received },
      { ...wrongThing, topic: telemetryTopic('gh-other') },
      event('gh-bad', 4, { type: 'water-started', at: t0, zoneId: 'z9', rule: 'manual', moisture: null }),
      telemetry('gh-nobody', 5),
      telemetry('gh-bad', 6),
    ]);

    expect(result.stored).toBe(2);
    expect(result.duplicates).toBe(0);
    const reasons = result.rejected.map((r) => r.reason);
    expect(reasons).toHaveLength(5);
    expect(reasons[0]).toMatch(/not JSON/);
    expect(reasons[1]).toMatch(/exceeds/);
    expect(reasons[2]).toMatch(/does not match topic thing "gh-other"/);
    expect(reasons).toContainEqual(expect.stringMatching(/unknown zone "z9" in greenhouse "gh-bad"/));
    expect(reasons).toContainEqual(expect.stringMatching(/unknown thing "gh-nobody"/));
    // Done with what it could read, refused or not; what names no seq is never confirmed.
    expect(result.settled.map((m) => `${m.thing}#${m.seq}`).sort()).toEqual([
      'gh-bad#1',
      'gh-bad#4',
      'gh-bad#6',
      'gh-nobody#5',
    ]);
    expect(await messages('gh-bad')).toBe(2);
    expect(await readings('gh-bad')).toBe(4);
    expect(await prisma().irrigationRun.count({ where: { zone: { greenhouse: { thingName: 'gh-bad' } } } })).toBe(0);
  });

  it('stores the known zones of a telemetry message and reports its unknown zone', async () => {
    const g = await greenhouse('gh-partial');
    const result = await ingestBatch(prisma(), [telemetry('gh-partial', 1, ['z1', 'z3'])]);
    expect(result.stored).toBe(1);
    expect(result.rejected).toEqual([
      {
        topic: telemetryTopic('gh-partial'),
        reason: expect.stringMatching(/unknown zone "z3".*other zones were stored/),
      },
    ]);
    expect(await prisma().telemetryReading.count({ where: { zoneId: g.z1 } })).toBe(1);
  });

  it('makes one COMPLETED run with litres and both rules from water started then stopped', async () => {
    const g = await greenhouse('gh-water');
    const startedAt = t0 + 1000;
    await ingestBatch(prisma(), [
      event('gh-water', 1, { type: 'water-started', at: startedAt, zoneId: 'z1', rule: 'band-low', moisture: 31 }),
    ]);
    const running = await prisma().irrigationRun.findMany({ where: { zoneId: g.z1 } });
    expect(running.map((r) => [r.status, r.startRule, r.startedAt.getTime()])).toEqual([
      ['RUNNING', 'band-low', startedAt],
    ]);

    await ingestBatch(prisma(), [
      event('gh-water', 2, {
        type: 'water-stopped',
        at: t0 + 601_000,
        zoneId: 'z1',
        rule: 'band-high',
        litres: 84.5,
        startedAt,
        moisture: 42,
      }),
    ]);
    const runs = await prisma().irrigationRun.findMany({ where: { zoneId: g.z1 } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: 'COMPLETED',
      startRule: 'band-low',
      stopRule: 'band-high',
      litres: 84.5,
      endedAt: new Date(t0 + 601_000),
    });
  });

  it('makes an INTERRUPTED run from an interrupted stop, even when its start was never seen', async () => {
    const g = await greenhouse('gh-cut');
    await ingestBatch(prisma(), [
      event('gh-cut', 9, {
        type: 'water-stopped',
        at: t0 + 300_000,
        zoneId: 'z2',
        rule: 'interrupted',
        litres: 12,
        startedAt: t0,
        moisture: null,
      }),
    ]);
    const runs = await prisma().irrigationRun.findMany({ where: { zoneId: g.z2 } });
    expect(runs.map((r) => [r.status, r.startRule, r.stopRule, r.litres, r.startedAt.getTime()])).toEqual([
      ['INTERRUPTED', 'unknown', 'interrupted', 12, t0],
    ]);
  });

  it('records an alarm raised and then cleared, and stores mode changes only as ingested messages', async () => {
    const g = await greenhouse('gh-alarm');
    await ingestBatch(prisma(), [
      event('gh-alarm', 1, {
        type: 'alarm-raised',
        at: t0 + 1000,
        zoneId: 'z2',
        alarm: 'sensor-stale',
        message: 'no reading for 5 min',
        needsAck: false,
      }),
      event('gh-alarm', 2, {
        type: 'mode-changed',
        at: t0 + 1500,
        zoneId: 'z2',
        mode: { kind: 'off' },
        reason: 'fault',
      }),
    ]);
    let alarms = await prisma().alarm.findMany({ where: { greenhouseId: g.id } });
    expect(alarms.map((a) => [a.zoneId, a.kind, a.message, a.clearedAt])).toEqual([
      [g.z2, 'sensor-stale', 'no reading for 5 min', null],
    ]);

    await ingestBatch(prisma(), [
      event('gh-alarm', 3, { type: 'alarm-cleared', at: t0 + 9000, zoneId: 'z2', alarm: 'sensor-stale' }),
    ]);
    alarms = await prisma().alarm.findMany({ where: { greenhouseId: g.id } });
    expect(alarms.map((a) => a.clearedAt?.getTime())).toEqual([t0 + 9000]);
    const kinds = await prisma().ingestedMessage.findMany({
      where: { thingName: 'gh-alarm' },
      orderBy: { sequence: 'asc' },
    });
    expect(kinds.map((m) => m.kind)).toEqual(['event:alarm-raised', 'event:mode-changed', 'event:alarm-cleared']);
  });

  it("updates the greenhouse's lastSeenAt to the latest receive time and never moves it back", async () => {
    const g = await greenhouse('gh-seen');
    const later = new Date(received.getTime() + 3_600_000);
    await ingestBatch(prisma(), [{ ...telemetry('gh-seen', 1), receivedAt: later }]);
    await ingestBatch(prisma(), [telemetry('gh-seen', 2)]);
    const row = await prisma().greenhouse.findUniqueOrThrow({ where: { id: g.id } });
    expect(row.lastSeenAt).toEqual(later);
  });

  it('rolls the whole batch back and throws when the database refuses a row', async () => {
    const g = await greenhouse('gh-fail');
    // A reading already there without its IngestedMessage: inserting seq 2 again violates the key.
    await prisma().telemetryReading.create({
      data: { zoneId: g.z1, thingName: 'gh-fail', sequence: 2n, at: new Date(t0 + 2000), valveOpen: false },
    });
    const batch = [
      event('gh-fail', 1, { type: 'water-started', at: t0, zoneId: 'z1', rule: 'manual', moisture: null }),
      telemetry('gh-fail', 2),
      telemetry('gh-fail', 3),
    ];

    await expect(ingestBatch(prisma(), batch)).rejects.toThrow();

    expect(await messages('gh-fail')).toBe(0);
    expect(await readings('gh-fail')).toBe(1);
    expect(await prisma().irrigationRun.count({ where: { zoneId: g.z1 } })).toBe(0);
    const row = await prisma().greenhouse.findUniqueOrThrow({ where: { id: g.id } });
    expect(row.lastSeenAt).toBeNull();
  });

  it("deletes a zone's readings with the zone, and only that zone's (no foreign key: a trigger)", async () => {
    const g = await greenhouse('gh-gone');
    await ingestBatch(prisma(), [telemetry('gh-gone', 1), telemetry('gh-gone', 2)]);
    expect(await readings('gh-gone')).toBe(4);

    await prisma().zone.delete({ where: { id: g.z1 } });
    const left = await prisma().telemetryReading.findMany({ where: { thingName: 'gh-gone' } });
    expect(left.map((r) => r.zoneId)).toEqual([g.z2, g.z2]);

    // Several zones in one statement: the trigger runs once, for all of them.
    await prisma().zone.deleteMany({ where: { greenhouseId: g.id } });
    expect(await readings('gh-gone')).toBe(0);
  });
});
