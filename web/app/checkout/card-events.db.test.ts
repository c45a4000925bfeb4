import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRefusalOf } from '../errors/refusals.ts';
import { availableByListing } from '../shop/stock.server.ts';
import { readMail } from '../mail/testkit.ts';
import { applyStripeEvent } from './card-events.server.ts';
import { placeOrder } from './place-order.server.ts';
import { guest, listingWithStock, paidSession, refundedCharge, stripeEvent } from './testkit.ts';

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

async function cardOrder(stock = 5, quantity = 2, locale: 'vi' | 'en' = 'vi') {
  const listing = await listingWithStock(db(), stock);
  const order = await placeOrder(db(), {
    form: guest,
    lines: [{ listingId: listing.id, quantity }],
    userId: null,
    now,
    holdMinutes: 15,
    locale,
  });
  return { order, listing };
}

/** The subject and body of the emails queued for an order, decoded. */
async function emailsOf(orderId: string) {
  const rows = await db().outgoingEmail.findMany({ where: { orderId }, select: { raw: true } });
  return rows.map(({ raw }) => {
    const { subject, text } = readMail(raw);
    return { subject, text };
  });
}

const state = async (orderId: string, listingId: string) => {
  const order = await db().order.findUniqueOrThrow({
    where: { id: orderId },
    include: { events: { orderBy: { at: 'asc' } }, payments: true, refunds: true, reservations: true },
  });
  const listing = await db().listing.findUniqueOrThrow({ where: { id: listingId } });
  return {
    status: order.status,
    events: order.events.map((e) => e.status),
    payment: order.payments[0]!.status,
    paymentIntentId: order.payments[0]!.paymentIntentId,
    refunded: order.refunds.reduce((sum, r) => sum + Number(r.amountVnd), 0),
    sold: order.reservations.every((r) => r.soldAt !== null),
    stock: listing.stock,
  };
};

describe(`Stripe events (${testDbKind()})`, () => {
  it("queue the order's confirmation with the payment, in the language the buyer ordered in", async () => {
    const { order } = await cardOrder(5, 1, 'en');
    // Nothing is said to the buyer before the money comes.
    expect(await emailsOf(order.id)).toEqual([]);
    await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
    const [email, ...more] = await emailsOf(order.id);
    expect(more).toEqual([]);
    expect(email!.subject).toBe(`Seedline — Order ${order.reference}`);
    expect(email!.text).toContain('Payment: Card (Stripe)');
  });

  it('mark a paid order PAID, sell its units and record the payment intent', async () => {
    const { order, listing } = await cardOrder();
    const result = await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
    expect(result).toEqual({ outcome: 'applied' });
    expect(await state(order.id, listing.id)).toMatchObject({
      status: 'PAID',
      events: ['PLACED', 'PAID'],
      payment: 'SUCCEEDED',
      paymentIntentId: `pi_${order.id}`,
      sold: true,
      stock: 3,
    });
  });

  it('apply an event delivered twice only once', async () => {
    const { order, listing } = await cardOrder();
    const event = stripeEvent('checkout.session.completed', paidSession(order));
    await applyStripeEvent(db(), event, now);
    expect(await applyStripeEvent(db(), event, now)).toEqual({ outcome: 'duplicate' });
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'PAID', events: ['PLACED', 'PAID'], stock: 3 });
    expect(await db().processedWebhookEvent.count({ where: { id: event.id } })).toBe(1);
  });

  it('ignore a session that expires after it was paid', async () => {
    const { order, listing } = await cardOrder();
    await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
    const late = await applyStripeEvent(db(), stripeEvent('checkout.session.expired', paidSession(order)), now);
    expect(late).toEqual({ outcome: 'ignored' });
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'PAID', payment: 'SUCCEEDED', stock: 3 });
  });

  it('cancel an unpaid order when its session expires, and put the units back on sale', async () => {
    const { order, listing } = await cardOrder(2, 2);
    const nextBuyer = () =>
      placeOrder(db(), {
        form: guest,
        lines: [{ listingId: listing.id, quantity: 2 }],
        userId: null,
        now,
        holdMinutes: 15,
      });
    // Held, the units are nobody else's.
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(0);
    await expect(nextBuyer()).rejects.toSatisfy((error) => isRefusalOf(error, 'SOLD_OUT'));

    await applyStripeEvent(
      db(),
      stripeEvent('checkout.session.expired', { ...paidSession(order), payment_status: 'unpaid' }),
      now,
    );
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'CANCELLED', payment: 'EXPIRED', stock: 2 });
    expect((await availableByListing(db(), [listing.id], now)).get(listing.id)).toBe(2);
    await expect(nextBuyer()).resolves.toMatchObject({ totalVnd: 2 * listing.priceVnd });
  });

  it('cancel the order when an asynchronous payment fails, and wait when a session completes unpaid', async () => {
    const { order, listing } = await cardOrder();
    const unpaid = { ...paidSession(order), payment_status: 'unpaid' };
    expect(await applyStripeEvent(db(), stripeEvent('checkout.session.completed', unpaid), now)).toEqual({
      outcome: 'ignored',
    });
    await applyStripeEvent(db(), stripeEvent('checkout.session.async_payment_failed', unpaid), now);
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'CANCELLED', payment: 'FAILED', stock: 5 });
  });

  it('record a refund that arrives before the payment, and keep the order from going ahead', async () => {
    const { order, listing } = await cardOrder();
    const charge = refundedCharge(order, 'ch_1', order.totalVnd, true);
    await applyStripeEvent(db(), stripeEvent('charge.refunded', charge), now);
    await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
    expect(await state(order.id, listing.id)).toMatchObject({
      status: 'CANCELLED',
      payment: 'REFUNDED',
      refunded: order.totalVnd,
      stock: 5,
    });
  });

  it('refund a paid order from a charge.refunded event once, and put its units back on sale', async () => {
    const { order, listing } = await cardOrder();
    await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
    const charge = refundedCharge(order, 'ch_2', order.totalVnd);
    await applyStripeEvent(db(), stripeEvent('charge.refunded', charge), now);
    await applyStripeEvent(db(), stripeEvent('charge.refunded', charge), now);
    expect(await state(order.id, listing.id)).toMatchObject({
      status: 'REFUNDED',
      events: ['PLACED', 'PAID', 'REFUNDED'],
      payment: 'REFUNDED',
      refunded: order.totalVnd,
      stock: 5,
    });
  });

  it('mark an order paid when a payment that completed unpaid (a bank debit) succeeds later', async () => {
    const { order, listing } = await cardOrder();
    const unpaid = { ...paidSession(order), payment_status: 'unpaid' };
    await applyStripeEvent(db(), stripeEvent('checkout.session.completed', unpaid), now);
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'PLACED', payment: 'PENDING', stock: 5 });
    const succeeded = stripeEvent('checkout.session.async_payment_succeeded', paidSession(order));
    expect(await applyStripeEvent(db(), succeeded, now)).toEqual({ outcome: 'applied' });
    expect(await state(order.id, listing.id)).toMatchObject({
      status: 'PAID',
      payment: 'SUCCEEDED',
      paymentIntentId: `pi_${order.id}`,
      stock: 3,
    });
  });

  it('apply one event delivered twice at the same moment once, and answer the other as a duplicate', async () => {
    const { order, listing } = await cardOrder();
    const event = stripeEvent('checkout.session.completed', paidSession(order));
    const outcomes = await Promise.all([applyStripeEvent(db(), event, now), applyStripeEvent(db(), event, now)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['applied', 'duplicate']);
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'PAID', events: ['PLACED', 'PAID'], stock: 3 });
    expect(await emailsOf(order.id)).toHaveLength(1);
  });

  it('leave a paid order as it is after a partial refund at Stripe, and record what went back', async () => {
    const { order, listing } = await cardOrder();
    await applyStripeEvent(db(), stripeEvent('checkout.session.completed', paidSession(order)), now);
    const charge = refundedCharge(order, 'ch_partial', 10_000);
    expect(await applyStripeEvent(db(), stripeEvent('charge.refunded', charge), now)).toEqual({ outcome: 'applied' });
    expect(await state(order.id, listing.id)).toMatchObject({
      status: 'PAID',
      events: ['PLACED', 'PAID'],
      payment: 'SUCCEEDED',
      refunded: 10_000,
      stock: 3,
    });
  });

  it('ignore a paid session in a currency other than dong, even for the same amount', async () => {
    const { order, listing } = await cardOrder();
    const dollars = { ...paidSession(order), currency: 'usd' };
    expect(await applyStripeEvent(db(), stripeEvent('checkout.session.completed', dollars), now)).toEqual({
      outcome: 'ignored',
    });
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'PLACED', payment: 'PENDING', stock: 5 });
  });

  it('ignore a paid session whose amount is not the order total', async () => {
    const { order, listing } = await cardOrder();
    const wrong = { ...paidSession(order), amount_total: 1000 };
    expect(await applyStripeEvent(db(), stripeEvent('checkout.session.completed', wrong), now)).toEqual({
      outcome: 'ignored',
    });
    expect(await state(order.id, listing.id)).toMatchObject({ status: 'PLACED', payment: 'PENDING' });
  });
});
