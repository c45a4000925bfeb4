import type { OrderStatus } from '@seedline/db';
import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder } from '../checkout/place-order.server.ts';
import { guest, listingWithStock, openPickupWindow } from '../checkout/testkit.ts';
import { runStaffAction } from './staff-actions.server.ts';

const refused = (code: string) => expect.objectContaining({ code });

let database: Database;
const db = () => database.prisma;
const now = new Date('2026-11-28T05:00:00Z');
let staffId: string;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, now);
  staffId = (await db().user.findFirstOrThrow({ where: { role: 'STAFF' } })).id;
});
afterAll(async () => {
  await database?.close();
});

async function order(paymentMethod: 'CASH_ON_DELIVERY' | 'BANK_TRANSFER', stock = 5, fulfilment = guest.fulfilment) {
  const listing = await listingWithStock(db(), stock);
  const pickup = { fulfilment: 'PICKUP' as const, windowId: (await openPickupWindow(db(), now)).id };
  const placed = await placeOrder(db(), {
    form: fulfilment === 'PICKUP' ? { ...guest, ...pickup, paymentMethod } : { ...guest, paymentMethod },
    lines: [{ listingId: listing.id, quantity: 2 }],
    userId: null,
    now,
    holdMinutes: 24 * 60,
  });
  return { id: placed.id, listingId: listing.id };
}

/** A staff action from a page that shows the order as it is now (or as `seen`, a page left open). */
const act = async (orderId: string, action: Parameters<typeof runStaffAction>[2], seen?: OrderStatus) => {
  const status = seen ?? (await db().order.findUniqueOrThrow({ where: { id: orderId } })).status;
  return runStaffAction(db(), orderId, action, { byUserId: staffId, now, seen: status });
};
const stockOf = async (listingId: string) => (await db().listing.findUniqueOrThrow({ where: { id: listingId } })).stock;

describe(`back-office order actions (${testDbKind()})`, () => {
  it('confirm a received transfer: the order is confirmed, the payment succeeded, the units sold', async () => {
    const { id, listingId } = await order('BANK_TRANSFER');
    expect(await stockOf(listingId)).toBe(5);
    await act(id, 'confirmTransfer');
    const stored = await db().order.findUniqueOrThrow({ where: { id }, include: { payments: true, events: true } });
    expect(stored.status).toBe('CONFIRMED');
    expect(stored.payments[0]!.status).toBe('SUCCEEDED');
    expect(stored.events.at(-1)).toMatchObject({ status: 'CONFIRMED', byUserId: staffId });
    expect(await stockOf(listingId)).toBe(3);
  });

  it('confirm a cash order once the buyer confirmed it by phone: only then are its units sold', async () => {
    const { id, listingId } = await order('CASH_ON_DELIVERY');
    expect((await db().order.findUniqueOrThrow({ where: { id } })).status).toBe('PLACED');
    expect(await stockOf(listingId)).toBe(5);
    await act(id, 'confirmCash');
    const stored = await db().order.findUniqueOrThrow({ where: { id }, include: { payments: true, events: true } });
    expect(stored.status).toBe('CONFIRMED');
    // The cash comes on delivery: the payment waits until then.
    expect(stored.payments[0]!.status).toBe('PENDING');
    expect(stored.events.at(-1)).toMatchObject({
      status: 'CONFIRMED',
      byUserId: staffId,
      note: 'orders.note.cashConfirmed',
    });
    expect(await stockOf(listingId)).toBe(3);
    await expect(act(id, 'confirmCash')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
    const transfer = await order('BANK_TRANSFER');
    await expect(act(transfer.id, 'confirmCash')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
  });

  it('take a cash delivery through packed, handed over to the courier and delivered, where the cash is paid', async () => {
    const { id } = await order('CASH_ON_DELIVERY');
    await act(id, 'confirmCash');
    await act(id, 'pack');
    // A delivery reaches the buyer through the courier: not delivered straight from the shelf.
    await expect(act(id, 'deliver')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
    await act(id, 'handOver');
    expect((await db().payment.findFirstOrThrow({ where: { orderId: id } })).status).toBe('PENDING');
    await act(id, 'deliver');
    const stored = await db().order.findUniqueOrThrow({ where: { id }, include: { payments: true, events: true } });
    expect(stored.events.map((e) => e.status)).toEqual(['PLACED', 'CONFIRMED', 'PACKED', 'HANDED_OVER', 'DELIVERED']);
    expect(stored.events.at(-2)).toMatchObject({ status: 'HANDED_OVER', byUserId: staffId });
    expect(stored.payments[0]!.status).toBe('SUCCEEDED');
  });

  it('deliver a pickup from the shelf, never through a courier', async () => {
    const { id } = await order('CASH_ON_DELIVERY', 5, 'PICKUP');
    await act(id, 'confirmCash');
    await act(id, 'pack');
    await expect(act(id, 'handOver')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
    await act(id, 'deliver');
    const stored = await db().order.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(stored.events.map((e) => e.status)).toEqual(['PLACED', 'CONFIRMED', 'PACKED', 'DELIVERED']);
  });

  it('let one of two staff changes to one order at once happen, and refuse the other', async () => {
    const { id, listingId } = await order('CASH_ON_DELIVERY');
    await act(id, 'confirmCash');
    // Two staff, two screens showing it confirmed: one packs, the other cancels, at the same moment.
    const results = await Promise.allSettled([act(id, 'pack', 'CONFIRMED'), act(id, 'cancel', 'CONFIRMED')]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(done).toHaveLength(1);
    expect(failed).toEqual([refused('ILLEGAL_TRANSITION')]);
    const stored = await db().order.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(stored.events.map((e) => e.status)).toEqual(['PLACED', 'CONFIRMED', stored.status]);
    expect(await stockOf(listingId)).toBe(stored.status === 'CANCELLED' ? 5 : 3);
  });

  it('refuse an illegal change and write nothing', async () => {
    const { id, listingId } = await order('BANK_TRANSFER');
    const events = await db().orderEvent.count({ where: { orderId: id } });
    await expect(act(id, 'pack')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
    await expect(act(id, 'deliver')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
    await expect(act(id, 'refund')).rejects.toEqual(refused('NOTHING_TO_REFUND'));
    expect(await db().orderEvent.count({ where: { orderId: id } })).toBe(events);
    expect((await db().order.findUniqueOrThrow({ where: { id } })).status).toBe('PLACED');
    expect(await stockOf(listingId)).toBe(5);
  });

  it('cancel a confirmed cash order and put its units back on sale', async () => {
    const { id, listingId } = await order('CASH_ON_DELIVERY');
    await act(id, 'confirmCash');
    expect(await stockOf(listingId)).toBe(3);
    await act(id, 'cancel');
    expect((await db().order.findUniqueOrThrow({ where: { id } })).status).toBe('CANCELLED');
    expect(await stockOf(listingId)).toBe(5);
    await expect(act(id, 'cancel')).rejects.toEqual(refused('ILLEGAL_TRANSITION'));
    expect(await stockOf(listingId)).toBe(5);
  });

  it('refund a confirmed transfer by hand, and send an order paid for to a refund instead of a cancel', async () => {
    const { id, listingId } = await order('BANK_TRANSFER');
    await act(id, 'confirmTransfer');
    await expect(act(id, 'cancel')).rejects.toEqual(refused('REFUND_FIRST'));
    await act(id, 'refund');
    const stored = await db().order.findUniqueOrThrow({ where: { id }, include: { refunds: true, payments: true } });
    expect(stored.status).toBe('REFUNDED');
    expect(stored.payments[0]!.status).toBe('REFUNDED');
    expect(stored.refunds).toMatchObject([{ amountVnd: stored.totalVnd, providerRef: null, reason: 'staff' }]);
    expect(await stockOf(listingId)).toBe(5);

    const card = await order('CASH_ON_DELIVERY');
    await db().payment.updateMany({ where: { orderId: card.id }, data: { method: 'CARD', status: 'SUCCEEDED' } });
    await expect(act(card.id, 'cancel')).rejects.toEqual(refused('REFUND_FIRST'));
  });
});
