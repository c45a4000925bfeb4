// Test helpers: the demo cooperative loaded into a fresh test database, and finders for its rows.
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../open.ts';
import { openTestDatabase } from '../testing.ts';
import type { Db } from '../transaction.ts';
import { seedDemo } from './demo.ts';

/** 12:00 on 28 November 2026 in Vietnam: the seed's "today" in tests, so dates are known. */
export const demoNow = new Date('2026-11-28T05:00:00Z');

/**
 * A fresh test database with the demo seeded at `now`, opened before the tests of the enclosing
 * `describe` (or file) and closed after them. Returns a getter for it.
 */
export function useDemoDatabase(now = demoNow): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openTestDatabase();
    const result = await seedDemo(db.prisma, now, { demoLogins: true });
    if (!result.created) throw new Error('the test database was not empty');
  });
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('the demo database is opened in beforeAll: use it inside a test');
    return db;
  };
}

/** The planting growing in zone `zoneKey` of the greenhouse run by `thingName`. */
export function plantingIn(db: Db, thingName: string, zoneKey: string) {
  return db.planting.findFirstOrThrow({
    where: { zone: { key: zoneKey, greenhouse: { thingName } } },
    include: { seedLot: true },
  });
}

export function userId(db: Db, email: string): Promise<string> {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true } }).then((u) => u.id);
}

/** The farm log of an input applied to a planting, by product name (the original, not a correction). */
export function inputLog(db: Db, plantingId: string, inputProduct: string) {
  return db.farmLog.findFirstOrThrow({ where: { plantingId, inputProduct, correctsId: null } });
}

/** How many rows each table holds: to show that something wrote nothing. */
export async function rowCounts(db: Db) {
  return {
    products: await db.product.count(),
    farms: await db.farm.count(),
    certifications: await db.certification.count(),
    greenhouses: await db.greenhouse.count(),
    zones: await db.zone.count(),
    users: await db.user.count(),
    pickupPoints: await db.pickupPoint.count(),
    seedLots: await db.seedLot.count(),
    plantings: await db.planting.count(),
    farmLogs: await db.farmLog.count(),
    harvests: await db.harvest.count(),
    packLots: await db.packLot.count(),
    listings: await db.listing.count(),
    orders: await db.order.count(),
    orderLines: await db.orderLine.count(),
    orderEvents: await db.orderEvent.count(),
    zoneHourly: await db.zoneHourly.count(),
    irrigationRuns: await db.irrigationRun.count(),
  };
}
