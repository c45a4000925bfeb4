import type { Database } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { eventsTopic } from '@seedline/firmware-bridge/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestStats, startLanes } from './lanes.server.ts';
import { eventPayload, testGreenhouse } from './testkit.ts';

// On PostgreSQL the lanes' transactions really run side by side (PGlite runs one at a time).

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const t0 = Date.UTC(2026, 10, 29, 6, 0);

describe(`ingest lanes (${testDbKind()})`, () => {
  it("apply each bridge's events in its order when four lanes store one message per batch", async () => {
    const things = ['gh-lane-a', 'gh-lane-b', 'gh-lane-c'];
    const greenhouses = [];
    for (const thing of things) greenhouses.push(await testGreenhouse(database.prisma, thing));
    const counters: IngestStats = { received: 0, stored: 0, duplicates: 0, rejected: 0, clamped: 0, shed: 0 };
    const logged: string[] = [];
    const lanes = startLanes({
      db: database.prisma,
      lanes: 4,
      batchSize: 1,
      flushMs: 10,
      rollupEveryMs: 1000,
      retryMinMs: 10,
      retryMaxMs: 50,
      log: (_level, msg) => logged.push(msg),
      counters,
      notify: () => undefined,
    });

    // Each bridge: ten runs, each start followed at once by its stop, all arriving in one burst.
    const runs = 10;
    for (let run = 0; run < runs; run++) {
      for (const thing of things) {
        const startedAt = t0 + run * 600_000;
        const at = (minutes: number) => startedAt + minutes * 60_000;
        const message = (seq: number, event: Record<string, unknown>) => ({
          topic: eventsTopic(thing),
          payload: JSON.stringify(eventPayload(thing, seq, event.at, event)),
          receivedAt: new Date(),
        });
        lanes.receive(
          message(2 * run + 1, { type: 'water-started', at: startedAt, zoneId: 'z1', rule: 'band-low', moisture: 30 }),
        );
        lanes.receive(
          message(2 * run + 2, {
            type: 'water-stopped',
            at: at(5),
            zoneId: 'z1',
            rule: 'max-run',
            litres: 20,
            startedAt,
            moisture: 34,
          }),
        );
      }
    }
    expect(await lanes.drain(Date.now() + 30_000)).toBe(0);

    expect(counters).toEqual({ received: 60, stored: 60, duplicates: 0, rejected: 0, clamped: 0, shed: 0 });
    for (const g of greenhouses) {
      const stored = await database.prisma.irrigationRun.findMany({ where: { zoneId: g.zones.z1 } });
      // A stop stored beside its start (not after it) would leave a second, RUNNING row.
      expect(stored).toHaveLength(runs);
      expect(stored.every((r) => r.status === 'COMPLETED' && r.startRule === 'band-low')).toBe(true);
    }
    expect(logged).toEqual([]);
  });

  it('refuse a message over 128 KB on receipt, before keeping it, and count the buffer in bytes and its age', async () => {
    const counters: IngestStats = { received: 0, stored: 0, duplicates: 0, rejected: 0, clamped: 0, shed: 0 };
    const logged: string[] = [];
    const lanes = startLanes({
      db: database.prisma,
      flushMs: 60_000,
      log: (_level, msg, fields) => logged.push(`${msg} ${JSON.stringify(fields)}`),
      counters,
      notify: () => undefined,
    });
    const topic = eventsTopic('gh-lane-big');
    lanes.receive({ topic, payload: new Uint8Array(128 * 1024 + 1), receivedAt: new Date() });
    expect(counters).toMatchObject({ received: 1, rejected: 1 });
    expect(lanes.buffered()).toBe(0);
    expect(lanes.bufferedBytes()).toBe(0);
    expect(logged.join('\n')).toContain('payload of 131073 bytes over 131072');

    expect(lanes.oldestWaiting()).toBeNull();
    const first = new Date(Date.now() - 90_000);
    lanes.receive({ topic, payload: new Uint8Array(1000), receivedAt: first });
    lanes.receive({ topic, payload: 'ả'.repeat(10), receivedAt: new Date() });
    expect(lanes.buffered()).toBe(2);
    expect(lanes.bufferedBytes()).toBe(1000 + 30);
    // The backlog's age (the lag metric's) is its oldest message's.
    expect(lanes.oldestWaiting()).toBe(first.getTime());
    // Stored (here: rejected as not JSON) and taken off the buffer, bytes too.
    await lanes.drain(Date.now() + 5_000);
    expect(lanes.bufferedBytes()).toBe(0);
    expect(lanes.oldestWaiting()).toBeNull();
  });
});
