import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneRawReadings } from './retention.server.ts';
import { testGreenhouse } from './testkit.ts';

let database: Database;
const prisma = () => database.prisma;
let zoneId: string;
const now = new Date('2026-11-29T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

beforeAll(async () => {
  database = await openTestDatabase();
  zoneId = (await testGreenhouse(prisma(), 'retention-1', [{ key: 'z1', areaM2: 100 }])).zones.z1!;
});
afterAll(() => database?.close());

describe('raw reading retention', () => {
  it('deletes raw readings past the period in chunks, keeps newer ones and every roll-up', async () => {
    const ages = [200, 120, 91, 89, 10, 0];
    await prisma().telemetryReading.createMany({
      data: ages.map((age, i) => ({
        zoneId,
        thingName: 'retention-1',
        sequence: i + 1,
        at: daysAgo(age),
        valveOpen: false,
      })),
    });
    await prisma().zoneHourly.create({
      data: { zoneId, hour: daysAgo(200), samples: 60, moistureAvg: 22, litres: 10 },
    });

    expect(await pruneRawReadings(prisma(), { keepDays: 90, now, chunk: 2 })).toBe(3);
    const left = await prisma().telemetryReading.findMany({ where: { zoneId }, orderBy: { at: 'asc' } });
    expect(left.map((r) => Math.round((now.getTime() - r.at.getTime()) / 86_400_000))).toEqual([89, 10, 0]);
    expect(await prisma().zoneHourly.count({ where: { zoneId } })).toBe(1);
    // Nothing more to do the second time.
    expect(await pruneRawReadings(prisma(), { keepDays: 90, now })).toBe(0);
  });
});
