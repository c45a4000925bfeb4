import type { Database } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { eventsTopic, telemetryTopic } from '@seedline/firmware-bridge/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../ingest/store.server.ts';
import { eventPayload, telemetryPayload, testGreenhouse } from '../ingest/testkit.ts';
import { greenhouseLive } from './greenhouse-live.server.ts';

// The live view the dashboard reads, fed through ingest as a bridge's messages arrive.

let database: Database;
const prisma = () => database.prisma;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

const t0 = Date.UTC(2026, 10, 29, 6, 0);
const received = new Date(t0 + 5_000);

/** Telemetry of z1 and z2 at t0 + seq minutes, z1 with this moisture and mode. */
function telemetry(thing: string, seq: number, z1: { moisture: number; mode?: string; valveOpen?: boolean }) {
  const payload = telemetryPayload(thing, seq, t0 + seq * 60_000);
  payload.zones[0] = { ...payload.zones[0]!, ...z1 };
  return { topic: telemetryTopic(thing), payload: JSON.stringify(payload), receivedAt: received };
}

function event(thing: string, seq: number, ev: Record<string, unknown>) {
  return {
    topic: eventsTopic(thing),
    payload: JSON.stringify(eventPayload(thing, seq, t0 + seq * 60_000, ev)),
    receivedAt: received,
  };
}

describe(`greenhouseLive (${testDbKind()})`, () => {
  it("shows each zone's newest report, and a report that arrives late does not move it back", async () => {
    const g = await testGreenhouse(prisma(), 'gh-live-order');
    await ingestBatch(prisma(), [
      telemetry('gh-live-order', 1, { moisture: 30 }),
      telemetry('gh-live-order', 3, { moisture: 33, mode: 'manual', valveOpen: true }),
    ]);
    await ingestBatch(prisma(), [telemetry('gh-live-order', 2, { moisture: 31 })]);

    const view = await greenhouseLive(prisma(), g.id, new Date(t0 + 4 * 60_000));
    const z1 = view?.zones.find((z) => z.key === 'z1');
    expect(z1?.live).toMatchObject({ at: new Date(t0 + 3 * 60_000), moisture: 33, mode: 'manual', valveOpen: true });
    expect(z1?.settings).toEqual({ state: 'unreported' });
  });

  it('shows the bridge online, the open alarms of a zone and the run in progress; offline after three missed reports', async () => {
    const g = await testGreenhouse(prisma(), 'gh-live-alarm');
    await ingestBatch(prisma(), [
      telemetry('gh-live-alarm', 1, { moisture: 25 }),
      event('gh-live-alarm', 2, {
        type: 'water-started',
        at: t0 + 120_000,
        zoneId: 'z1',
        rule: 'band-low',
        moisture: 25,
      }),
      event('gh-live-alarm', 3, {
        type: 'alarm-raised',
        at: t0 + 180_000,
        zoneId: 'z2',
        alarm: 'sensor-stuck',
        message: 'z2 moisture has not changed for 30 min',
        needsAck: false,
      }),
    ]);

    const now = new Date(received.getTime() + 60_000);
    const view = await greenhouseLive(prisma(), g.id, now);
    expect(view?.connection).toEqual({ state: 'online', lastSeenAt: received });
    const [z1, z2] = view!.zones;
    expect(z1).toMatchObject({ key: 'z1', runningSince: new Date(t0 + 120_000), openAlarms: [] });
    expect(z2?.openAlarms).toEqual([
      { kind: 'sensor-stuck', message: 'z2 moisture has not changed for 30 min', raisedAt: new Date(t0 + 180_000) },
    ]);

    const later = await greenhouseLive(prisma(), g.id, new Date(received.getTime() + 3 * 60_000 + 1));
    expect(later?.connection).toEqual({ state: 'offline', lastSeenAt: received });
    // Its last word stays on show.
    expect(later?.zones[0]?.live?.moisture).toBe(25);
  });

  it('answers null for a greenhouse that does not exist', async () => {
    expect(await greenhouseLive(prisma(), 'no-such-greenhouse')).toBeNull();
  });
});
