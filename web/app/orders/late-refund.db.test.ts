import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../../../test/support/fake-stripe.ts';
import { applyStripeEvent } from '../checkout/card-events.server.ts';
import { startCardPayment } from '../checkout/card-payment.server.ts';
import { placeOrder } from '../checkout/place-order.server.ts';
import { guest, listingWithStock, paidSession, stripeEvent } from '../checkout/testkit.ts';
import { parseEnv, setEnv } from '../env.server.ts';
import { orderQueue } from './queue.server.ts';
import { attemptRefund, retryDueRefunds } from './refunds.server.ts';
import { runStaffAction } from './staff-actions.server.ts';

let database: Database;
let stripe: FakeStripe;
const db = () => database.prisma;
const now = new Date('2026-11-28T05:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, now);
  stripe = await startFakeStripe();
  // Parsed like the server's, so every default is there.
  const parsed = parseEnv({
    NODE_ENV: 'test',
    STRIPE_SECRET_KEY: 'sk_test_late',
    STRIPE_WEBHOOK_SECRET: 'whsec_late',
    STRIPE_API_BASE: stripe.url,
  });
  setEnv({ ...parsed, PUBLIC_URL: 'http://localhost:3000', SESSION_SECRET: 'x'.repeat(32) });
});
afterAll(async () => {
  await stripe?.close();
  await database?.close();
});

/** A card order paid at Stripe after its hold ran out and a cash buyer took (and had confirmed) the unit. */
async function latePayment() {
  const listing = await listingWithStock(db(), 1);
  const late = await placeOrder(db(), {
    form: guest,
    lines: [{ listingId: listing.id, quantity: 1 }],
    userId: null,
    now,
    holdMinutes: 15,
  });
  const session = await startCardPayment(db(), late.id);
  await fetch(`${stripe.url}/pay/${session.id}`, { method: 'POST', redirect: 'manual' });
  const paymentIntent = stripe.sessions.get(session.id)!.payment_intent!;
  const other = await placeOrder(db(), {
    form: { ...guest, phone: '0987654321', paymentMethod: 'CASH_ON_DELIVERY' },
    lines: [{ listingId: listing.id, quantity: 1 }],
    userId: null,
    now: minutes(20),
    holdMinutes: 15,
  });
  const staff = await db().user.findFirstOrThrow({ where: { role: 'STAFF' } });
  await runStaffAction(db(), other.id, 'confirmCash', { byUserId: staff.id, now: minutes(20), seen: 'PLACED' });
  const event = stripeEvent('checkout.session.completed', { ...paidSession(late, paymentIntent), id: session.id });
  return { late, paymentIntent, event, staff };
}

const refundsOf = (orderId: string) => db().refund.findMany({ where: { orderId } });

describe(`a card payment after the hold ran out (${testDbKind()})`, () => {
  it('is refunded through Stripe when the units went to another buyer, and recorded once', async () => {
    const { late, paymentIntent, event } = await latePayment();
    const result = await applyStripeEvent(db(), event, minutes(21));
    expect(result).toMatchObject({ outcome: 'refund-owed', orderId: late.id });
    if (result.outcome !== 'refund-owed') return;
    const before = stripe.refunds.length;
    expect(await attemptRefund(db(), result.refundId, minutes(21))).toBe('refunded');
    expect(await attemptRefund(db(), result.refundId, minutes(22))).toBe('not-due');
    // The webhook delivered again changes nothing.
    expect(await applyStripeEvent(db(), event, minutes(23))).toEqual({ outcome: 'duplicate' });

    expect(stripe.refunds.slice(before)).toEqual([
      expect.objectContaining({ payment_intent: paymentIntent, amount: late.totalVnd }),
    ]);
    const stored = await db().order.findUniqueOrThrow({
      where: { id: late.id },
      include: { payments: true, refunds: true, events: { orderBy: { at: 'asc' } } },
    });
    expect(stored.status).toBe('CANCELLED');
    expect(stored.events.at(-1)).toMatchObject({ status: 'CANCELLED', note: 'orders.note.paidAfterCancel' });
    expect(stored.payments[0]!.status).toBe('REFUNDED');
    expect(stored.refunds).toEqual([
      expect.objectContaining({
        status: 'SUCCEEDED',
        amountVnd: BigInt(late.totalVnd),
        providerRef: stripe.refunds.at(-1)!.id,
      }),
    ]);
  });

  it('is not forgotten when Stripe refuses the refund: it is owed, shown to staff, and retried until made', async () => {
    const { late, event, staff } = await latePayment();
    // Stripe's client tries each request three times: both asks below fail whole.
    stripe.failingRefunds = 6;
    const before = stripe.refunds.length;
    const result = await applyStripeEvent(db(), event, minutes(21));
    if (result.outcome !== 'refund-owed') throw new Error(`expected a refund owed, got ${result.outcome}`);
    expect(await attemptRefund(db(), result.refundId, minutes(21))).toBe('failed');
    const [owed] = await refundsOf(late.id);
    expect(owed).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: minutes(22) });
    expect(owed!.lastError).toContain('connection to Stripe');
    expect((await db().payment.findFirstOrThrow({ where: { orderId: late.id } })).status).toBe('SUCCEEDED');

    // The back office lists the cancelled order while money is owed, with a way to refund now.
    const queued = (await orderQueue(db(), 'open')).find((o) => o.id === late.id);
    expect(queued).toMatchObject({ status: 'CANCELLED', refundOwed: { attempts: 1 }, actions: ['retryRefund'] });
    await expect(
      runStaffAction(db(), late.id, 'retryRefund', { byUserId: staff.id, now: minutes(21), seen: 'CANCELLED' }),
    ).rejects.toMatchObject({ code: 'REFUND_FAILED' });

    // Not due before its backoff; then retried and made, once.
    expect(await retryDueRefunds(db(), minutes(21))).toEqual({ refunded: 0, failed: 0 });
    expect(await retryDueRefunds(db(), minutes(40))).toEqual({ refunded: 1, failed: 0 });
    expect(await retryDueRefunds(db(), minutes(600))).toEqual({ refunded: 0, failed: 0 });
    expect(stripe.refunds.length - before).toBe(1);
    expect(await refundsOf(late.id)).toEqual([expect.objectContaining({ status: 'SUCCEEDED', attempts: 3 })]);
    expect((await db().payment.findFirstOrThrow({ where: { orderId: late.id } })).status).toBe('REFUNDED');
    expect((await orderQueue(db(), 'open')).some((o) => o.id === late.id)).toBe(false);
  });
});
