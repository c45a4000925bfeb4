import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRefusalOf } from '../errors/refusals.ts';
import { availableByListing } from '../shop/stock.server.ts';
import { type LineRequest } from './holds.server.ts';
import { placeOrder } from './place-order.server.ts';
import { guest, listingWithStock } from './testkit.ts';

// Orders of several lines: what a buyer with a full cart pays and gets, and what two buyers whose
// carts hold the same batches get when they check out at the same moment.

let database: Database;
const db = () => database.prisma;
const now = new Date('2026-11-28T05:00:00Z');

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, now);
});
afterAll(async () => {
  await database?.close();
});

const order = (lines: LineRequest[], paymentMethod = guest.paymentMethod) =>
  placeOrder(db(), { form: { ...guest, paymentMethod }, lines, userId: null, now, holdMinutes: 15 });

const available = async (listingId: string) => (await availableByListing(db(), [listingId], now)).get(listingId);

describe(`orders of several lines (${testDbKind()})`, () => {
  it('total every line, merging the same batch added twice into one line', async () => {
    const melon = await listingWithStock(db(), 10, 0);
    const greens = await listingWithStock(db(), 10, 1);
    const placed = await order([
      { listingId: melon.id, quantity: 1 },
      { listingId: greens.id, quantity: 2 },
      { listingId: melon.id, quantity: 2 },
    ]);
    const total = 3 * melon.priceVnd + 2 * greens.priceVnd;
    expect(placed.totalVnd).toBe(total);
    const stored = await db().order.findUniqueOrThrow({
      where: { id: placed.id },
      include: { lines: { orderBy: { quantity: 'asc' } }, payments: true, reservations: true },
    });
    expect(stored.lines.map((l) => [l.listingId, l.quantity, l.unitPriceVnd, Number(l.lineTotalVnd)])).toEqual([
      [greens.id, 2, greens.priceVnd, 2 * greens.priceVnd],
      [melon.id, 3, melon.priceVnd, 3 * melon.priceVnd],
    ]);
    expect(stored.payments.map((p) => Number(p.amountVnd))).toEqual([total]);
    expect(Object.fromEntries(stored.reservations.map((r) => [r.listingId, r.quantity]))).toEqual({
      [melon.id]: 3,
      [greens.id]: 2,
    });
    expect([await available(melon.id), await available(greens.id)]).toEqual([7, 8]);
  });

  it('refuse the whole order when one line is short, naming that batch, and write nothing', async () => {
    const melon = await listingWithStock(db(), 10, 0);
    const greens = await listingWithStock(db(), 1, 1);
    const orders = await db().order.count();
    const refused = await order([
      { listingId: melon.id, quantity: 2 },
      { listingId: greens.id, quantity: 2 },
    ]).catch((error: unknown) => error);
    expect(isRefusalOf(refused, 'SOLD_OUT')).toBe(true);
    const lot = await db().listing.findUniqueOrThrow({ where: { id: greens.id }, select: { packLot: true } });
    const other = await db().listing.findUniqueOrThrow({ where: { id: melon.id }, select: { packLot: true } });
    expect(isRefusalOf(refused, 'SOLD_OUT') && JSON.stringify(refused.params)).toContain(lot.packLot.lotCode);
    expect(isRefusalOf(refused, 'SOLD_OUT') && JSON.stringify(refused.params)).not.toContain(other.packLot.lotCode);
    expect(await db().order.count()).toBe(orders);
    expect([await available(melon.id), await available(greens.id)]).toEqual([10, 1]);
  });

  it.runIf(testDbKind() === 'postgres')(
    'serve buyers whose carts hold the same batches in opposite order, at the same moment, without a deadlock',
    async () => {
      const a = await listingWithStock(db(), 100, 0);
      const b = await listingWithStock(db(), 100, 1);
      const forwards = [
        { listingId: a.id, quantity: 1 },
        { listingId: b.id, quantity: 1 },
      ];
      const results = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => order(i % 2 ? forwards : [...forwards].reverse(), 'CASH_ON_DELIVERY')),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failures).toEqual([]);
      expect([await available(a.id), await available(b.id)]).toEqual([60, 60]);
    },
  );
});
