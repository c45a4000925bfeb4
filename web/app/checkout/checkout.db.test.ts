import { randomUUID } from 'node:crypto';
import { seedDemo, type Database } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireOverdueOrders } from '../orders/lifecycle.server.ts';
import { availableByListing } from '../shop/stock.server.ts';
import { applyStripeEvent } from './card-events.server.ts';
import { env, setEnv } from '../env.server.ts';
import { isRefusalOf } from '../errors/refusals.ts';
import { runStaffAction } from '../orders/staff-actions.server.ts';
import { placeOrder } from './place-order.server.ts';
import { guest, listingWithStock, paidSession, stripeEvent } from './testkit.ts';

let database: Database;
const db = () => database.prisma;
const now = new Date('2026-11-28T05:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, now);
});
afterAll(async () => {
  await database?.close();
});

const order = (listingId: string, quantity: number, paymentMethod = guest.paymentMethod, at = now) =>
  placeOrder(db(), {
    form: { ...guest, paymentMethod },
    lines: [{ listingId, quantity }],
    userId: null,
    now: at,
    holdMinutes: 15,
  });

describe(`placing an order (${testDbKind()})`, () => {
  it('holds the units of a card order for 15 minutes without taking them from stock', async () => {
    const listing = await listingWithStock(db(), 5);
    const placed = await order(listing.id, 2);
    expect(placed.totalVnd).toBe(2 * listing.priceVnd);
    expect(placed.expiresAt).toEqual(minutes(15));
    const stored = await db().order.findUniqueOrThrow({
      where: { id: placed.id },
      include: { lines: { include: { packLot: true } }, events: true, payments: true, reservations: true },
    });
    expect(stored.status).toBe('PLACED');
    expect(stored.lines[0]).toMatchObject({
      quantity: 2,
      unitPriceVnd: listing.priceVnd,
      packLotId: listing.packLotId,
    });
    expect(stored.events.map((e) => e.status)).toEqual(['PLACED']);
    expect(stored.payments).toMatchObject([{ method: 'CARD', status: 'PENDING', amountVnd: BigInt(placed.totalVnd) }]);
    expect(stored.reservations).toMatchObject([{ quantity: 2, releasedAt: null, soldAt: null }]);
    expect((await db().listing.findUniqueOrThrow({ where: { id: listing.id } })).stock).toBe(5);
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(3);
  });

  it('holds the units of a cash order without selling them, until staff confirm it', async () => {
    const listing = await listingWithStock(db(), 5);
    const placed = await order(listing.id, 2, 'CASH_ON_DELIVERY');
    const stored = await db().order.findUniqueOrThrow({
      where: { id: placed.id },
      include: { events: true, reservations: true },
    });
    expect(stored.status).toBe('PLACED');
    expect(stored.events.map((e) => e.status)).toEqual(['PLACED']);
    expect(stored.reservations[0]).toMatchObject({ soldAt: null, releasedAt: null });
    expect((await db().listing.findUniqueOrThrow({ where: { id: listing.id } })).stock).toBe(5);
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(3);
  });

  it("queues a cash order's confirmation in the same transaction as the order, from MAIL_FROM", async () => {
    setEnv({ ...env(), MAIL_FROM: 'donhang@htx.example.vn' });
    const listing = await listingWithStock(db(), 5);
    const placed = await order(listing.id, 1, 'CASH_ON_DELIVERY');
    const emails = await db().outgoingEmail.findMany({ where: { orderId: placed.id } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: guest.email, status: 'PENDING' });
    expect(emails[0]!.raw).toContain('From: Seedline <donhang@htx.example.vn>');
  });

  it('places one order for the same form sent twice, also at the same moment', async () => {
    const listing = await listingWithStock(db(), 10);
    const idempotencyKey = randomUUID();
    const twice = () =>
      placeOrder(db(), {
        form: { ...guest, paymentMethod: 'CASH_ON_DELIVERY' },
        lines: [{ listingId: listing.id, quantity: 2 }],
        userId: null,
        now,
        holdMinutes: 60,
        idempotencyKey,
      });
    const before = (await availableByListing(db(), [listing.id], now)).get(listing.id)!;
    const [first, second] = await Promise.all([twice(), twice()]);
    const third = await twice();
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);
    expect(await db().order.count({ where: { idempotencyKey } })).toBe(1);
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(before - 2);
  });

  it('refuses a buyer a third order waiting for confirmation, by phone and by client address', async () => {
    const listing = await listingWithStock(db(), 20);
    const limits = { perPhone: 2, perClient: 3 };
    const place = (phone: string, clientAddress: string) =>
      placeOrder(db(), {
        form: { ...guest, phone, paymentMethod: 'CASH_ON_DELIVERY' },
        lines: [{ listingId: listing.id, quantity: 1 }],
        userId: null,
        now,
        holdMinutes: 60,
        clientAddress,
        limits,
      });
    const first = await place('0901000001', '198.51.100.1');
    await place('0901000001', '198.51.100.1');
    await expect(place('0901000001', '198.51.100.2')).rejects.toMatchObject({
      code: 'TOO_MANY_OPEN_ORDERS',
      params: { max: 2 },
    });
    await place('0901000002', '198.51.100.1');
    await expect(place('0901000003', '198.51.100.1')).rejects.toMatchObject({ params: { max: 3 } });
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(17);
    // An order staff confirmed no longer waits: it frees its place for that phone and address.
    const staff = await db().user.findFirstOrThrow({ where: { role: 'STAFF' } });
    await runStaffAction(db(), first.id, 'confirmCash', { byUserId: staff.id, now, seen: 'PLACED' });
    await place('0901000001', '198.51.100.1');
  });

  it('refuses more than is left with SOLD_OUT and writes nothing', async () => {
    const listing = await listingWithStock(db(), 2);
    await order(listing.id, 2);
    const before = { orders: await db().order.count(), events: await db().orderEvent.count() };
    await expect(order(listing.id, 1)).rejects.toMatchObject({ code: 'SOLD_OUT' });
    await expect(order(listing.id, 1, 'CASH_ON_DELIVERY')).rejects.toMatchObject({ code: 'SOLD_OUT' });
    expect({ orders: await db().order.count(), events: await db().orderEvent.count() }).toEqual(before);
  });

  it('lets an expired hold count for nothing, and the sweep cancels its order', async () => {
    const listing = await listingWithStock(db(), 1);
    const first = await order(listing.id, 1);
    await expect(order(listing.id, 1, 'CARD', minutes(14))).rejects.toMatchObject({ code: 'SOLD_OUT' });
    const second = await order(listing.id, 1, 'CARD', minutes(16));
    expect(await expireOverdueOrders(db(), minutes(16))).toBeGreaterThanOrEqual(1);
    const stored = await db().order.findUniqueOrThrow({
      where: { id: first.id },
      include: { events: true, payments: true },
    });
    expect(stored.status).toBe('CANCELLED');
    expect(stored.events.at(-1)).toMatchObject({ status: 'CANCELLED', note: 'orders.note.reservationExpired' });
    expect(stored.payments[0]!.status).toBe('EXPIRED');
    expect((await db().order.findUniqueOrThrow({ where: { id: second.id } })).status).toBe('PLACED');
  });

  it('places and marks paid an order past 2.1 billion VND (a 32-bit total), its amounts exact', async () => {
    const listing = await listingWithStock(db(), 5);
    const price = 1_999_999_999; // a price still fits 32 bits; three of them do not
    await db().listing.update({ where: { id: listing.id }, data: { priceVnd: price } });
    try {
      const placed = await order(listing.id, 3);
      expect(placed.totalVnd).toBe(5_999_999_997);
      const result = await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(placed)), now);
      expect(result).toEqual({ outcome: 'applied' });
      const stored = await db().order.findUniqueOrThrow({
        where: { id: placed.id },
        include: { lines: true, payments: true },
      });
      expect(stored).toMatchObject({ status: 'PAID', totalVnd: 5_999_999_997n });
      expect(stored.lines).toMatchObject([{ quantity: 3, lineTotalVnd: 5_999_999_997n }]);
      expect(stored.payments).toMatchObject([{ status: 'SUCCEEDED', amountVnd: 5_999_999_997n }]);
    } finally {
      await db().listing.update({ where: { id: listing.id }, data: { priceVnd: listing.priceVnd } });
    }
  });

  it('refunds a card payment that arrives after the hold ran out and the unit was sold to someone else', async () => {
    const listing = await listingWithStock(db(), 1);
    const late = await order(listing.id, 1);
    const other = await order(listing.id, 1, 'CASH_ON_DELIVERY', minutes(20));
    const staff = await db().user.findFirstOrThrow({ where: { role: 'STAFF' } });
    await runStaffAction(db(), other.id, 'confirmCash', { byUserId: staff.id, now: minutes(20), seen: 'PLACED' });
    const result = await applyStripeEvent(
      db(),
      stripeEvent('checkout.session.completed', paidSession(late)),
      minutes(21),
    );
    expect(result).toMatchObject({ outcome: 'refund-owed', orderId: late.id });
    expect(await db().refund.findMany({ where: { orderId: late.id } })).toEqual([
      expect.objectContaining({
        status: 'PENDING',
        amountVnd: BigInt(late.totalVnd),
        reason: 'orders.note.paidAfterCancel',
      }),
    ]);
    expect((await db().order.findUniqueOrThrow({ where: { id: late.id } })).status).toBe('CANCELLED');
    expect((await db().order.findUniqueOrThrow({ where: { id: other.id } })).status).toBe('CONFIRMED');
    expect((await db().listing.findUniqueOrThrow({ where: { id: listing.id } })).stock).toBe(0);
  });

  it('never holds the last units twice when buyers check out at the same moment', async () => {
    const listing = await listingWithStock(db(), 5);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => order(listing.id, 1, 'CASH_ON_DELIVERY')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.every((r) => isRefusalOf(r.reason, 'SOLD_OUT'))).toBe(true);
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(0);
    const held = await db().stockReservation.aggregate({
      where: { listingId: listing.id, releasedAt: null },
      _sum: { quantity: true },
    });
    expect(held._sum.quantity).toBe(5);
  });

  it.runIf(testDbKind() === 'postgres')(
    'sells exactly 50 units to 200 concurrent checkouts on PostgreSQL, refusing the rest as sold out',
    async () => {
      const listing = await listingWithStock(db(), 50, 1);
      const started = Date.now();
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) => order(listing.id, 1, i % 2 ? 'CASH_ON_DELIVERY' : 'CARD')),
      );
      console.log(`200 checkouts for 50 units on PostgreSQL: ${Date.now() - started} ms`);
      const placed = results.filter((r) => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(placed).toHaveLength(50);
      expect(refused).toHaveLength(150);
      for (const r of refused) expect(r.reason).toMatchObject({ code: 'SOLD_OUT' });
      const stored = await db().listing.findUniqueOrThrow({ where: { id: listing.id } });
      const sold = await db().orderLine.aggregate({
        where: { listingId: listing.id, order: { status: 'CONFIRMED' } },
        _sum: { quantity: true },
      });
      const held = await db().stockReservation.aggregate({
        where: { listingId: listing.id, releasedAt: null },
        _sum: { quantity: true },
      });
      expect(stored.stock).toBe(50 - (sold._sum.quantity ?? 0));
      expect(stored.stock).toBeGreaterThanOrEqual(0);
      expect((sold._sum.quantity ?? 0) + (held._sum.quantity ?? 0)).toBe(50);
      expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(0);
    },
    60_000,
  );
});
