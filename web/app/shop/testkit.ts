// Helpers for the shop's database tests: the demo cooperative in a fresh test database.
import type { Db } from '@seedline/db';
import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll } from 'vitest';

/** Noon in Vietnam on 28 November 2026: the seed's "today", so harvest days and stock are known. */
export const shopNow = new Date('2026-11-28T05:00:00Z');

/** A fresh demo database for the enclosing `describe` (or file), and a getter for it. */
export function useShopDatabase(): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemo(database.prisma, shopNow);
    // Seeding hashes passwords (scrypt, slow on purpose) on a machine other tests share.
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('the shop database opens in beforeAll: use it inside a test');
    return database;
  };
}

/** The demo listing of a product (each demo product has at most one). */
export function listingOf(db: Db, productSlug: string) {
  return db.listing.findFirstOrThrow({
    where: { packLot: { product: { slug: productSlug } } },
    select: { id: true, stock: true, priceVnd: true, packLotId: true },
  });
}

/** An order holding `quantity` units of a listing until `expiresAt`, as checkout will make one. */
export async function reserve(db: Db, listingId: string, quantity: number, expiresAt: Date) {
  const listing = await db.listing.findUniqueOrThrow({ where: { id: listingId }, select: { packLotId: true } });
  const reference = `SL-T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  return db.order.create({
    data: {
      reference,
      accessToken: `test-${reference}`,
      contactName: 'Khách thử',
      contactPhone: '0912345678',
      fulfilment: 'PICKUP',
      paymentMethod: 'CASH_ON_DELIVERY',
      totalVnd: 0,
      lines: {
        create: { listingId, packLotId: listing.packLotId, quantity, unitPriceVnd: 0, lineTotalVnd: 0 },
      },
      reservations: { create: { listingId, quantity, expiresAt } },
    },
  });
}
