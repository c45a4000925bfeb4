// The batch page's kept story is never the page as it was before a committed change, whatever
// wrote it and however, and is kept through writes that do not touch any page (decision 031).
import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedBatchStory, publicStoryVersion } from './story-cache.server.ts';

const now = new Date('2026-11-28T05:00:00Z');
const H = 3_600_000;
const publicUrl = 'https://shop.example.vn';

let database: Database;
const db = () => database.prisma;
let lotCode: string;
let lot: { listingId: string; plantingId: string; zoneId: string; farmId: string; harvestedAt: Date };

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, now);
  const listing = await db().listing.findFirstOrThrow({
    where: { published: true, stock: { gt: 0 } },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      packLot: {
        select: {
          lotCode: true,
          harvest: {
            select: {
              harvestedAt: true,
              planting: { select: { id: true, zoneId: true, zone: { select: { greenhouse: true } } } },
            },
          },
        },
      },
    },
  });
  lotCode = listing.packLot.lotCode;
  const { planting, harvestedAt } = listing.packLot.harvest;
  lot = {
    listingId: listing.id,
    plantingId: planting.id,
    zoneId: planting.zoneId,
    farmId: planting.zone.greenhouse.farmId,
    harvestedAt,
  };
});
afterAll(async () => {
  await database?.close();
});

const story = () => cachedBatchStory(db(), lotCode, publicUrl, 'vi');

/** Reads the page, runs `write`, reads it again: the two stories and how far the version moved. */
async function across(write: () => Promise<unknown>) {
  const before = await story();
  const version = await publicStoryVersion(db());
  await write().catch(() => undefined);
  const after = await story();
  return { before: before!, after: after!, raised: (await publicStoryVersion(db())) - version };
}

describe("the batch page's kept story", () => {
  it('is kept while nothing changes', async () => {
    const first = await story();
    expect(first?.lotCode).toBe(lotCode);
    expect(await story()).toBe(first);
  });

  it('is read again after a new record on the planting, which the page then shows', async () => {
    const farmer = await db().user.findFirstOrThrow({ where: { role: 'FARMER' } });
    const { before, after, raised } = await across(() =>
      db().farmLog.create({
        data: {
          plantingId: lot.plantingId,
          kind: 'OBSERVATION',
          occurredAt: new Date(lot.harvestedAt.getTime() - 48 * H),
          recordedById: farmer.id,
          note: 'Lá xanh đều, không sâu bệnh',
        },
      }),
    );
    expect(raised).toBe(1n);
    expect(after).not.toBe(before);
    expect(after.logs.map((l) => l.note)).toContain('Lá xanh đều, không sâu bệnh');
  });

  it('moves once for a transaction that changes stock and the farm, and shows both', async () => {
    const { before, after, raised } = await across(() =>
      db().$transaction(async (tx) => {
        await tx.listing.update({ where: { id: lot.listingId }, data: { stock: { decrement: 1 } } });
        await tx.farm.update({ where: { id: lot.farmId }, data: { name: 'Trại Xuân Hòa (HTX)' } });
      }),
    );
    expect(raised).toBe(1n);
    expect(after.listing?.stock).toBe(before.listing!.stock - 1);
    expect(after.farm.name).toBe('Trại Xuân Hòa (HTX)');
  });

  it('does not move for a transaction that rolls back', async () => {
    const { before, after, raised } = await across(() =>
      db().$transaction(async (tx) => {
        await tx.listing.update({ where: { id: lot.listingId }, data: { priceVnd: 1 } });
        throw new Error('the buyer left');
      }),
    );
    expect(raised).toBe(0n);
    expect(after).toBe(before);
  });

  it("is read again after a late hour of the zone's irrigation before the harvest, and kept through today's", async () => {
    const late = await across(() =>
      db().zoneHourly.upsert({
        where: { zoneId_hour: { zoneId: lot.zoneId, hour: new Date(lot.harvestedAt.getTime() - 30 * 24 * H) } },
        create: {
          zoneId: lot.zoneId,
          hour: new Date(lot.harvestedAt.getTime() - 30 * 24 * H),
          samples: 60,
          moistureAvg: 24,
          litres: 5_000,
        },
        update: { litres: { increment: 5_000 } },
      }),
    );
    expect(late.raised).toBe(1n);
    expect(late.after.irrigation).not.toEqual(late.before.irrigation);

    const thisHour = new Date(Math.floor(Date.now() / H) * H);
    expect(thisHour.getTime()).toBeGreaterThan(lot.harvestedAt.getTime() + 2 * 24 * H);
    const today = await across(() =>
      db().zoneHourly.create({ data: { zoneId: lot.zoneId, hour: thisHour, samples: 60, moistureAvg: 24, litres: 3 } }),
    );
    expect(today.raised).toBe(0n);
    expect(today.after).toBe(today.before);
  });

  it("is kept through a zone's shadow report and a password change, and read again when a name it shows changes", async () => {
    const kept = await across(async () => {
      await db().zone.update({ where: { id: lot.zoneId }, data: { reportedAt: new Date(), reportedSettings: {} } });
      const farmer = await db().user.findFirstOrThrow({ where: { role: 'FARMER' } });
      await db().user.update({ where: { id: farmer.id }, data: { passwordHash: 'changed' } });
    });
    expect(kept.raised).toBe(0n);
    expect(kept.after).toBe(kept.before);

    const renamed = await across(() => db().zone.update({ where: { id: lot.zoneId }, data: { name: 'Luống dưa A' } }));
    expect(renamed.raised).toBe(1n);
    expect(renamed.after.place.zone).toBe('Luống dưa A');
  });
});
