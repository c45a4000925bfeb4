import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../../../test/support/fake-stripe.ts';
import { applyStripeEvent } from '../checkout/card-events.server.ts';
import { startCardPayment } from '../checkout/card-payment.server.ts';
import { placeOrder } from '../checkout/place-order.server.ts';
import { guest, listingWithStock, paidSession, stripeEvent } from '../checkout/testkit.ts';
import { parseEnv, setEnv } from '../env.server.ts';
import { refundLatePayment } from './late-refund.server.ts';

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

describe(`a card payment after the hold ran out (${testDbKind()})`, () => {
  it('is refunded through Stripe when the units went to another buyer, and recorded once', async () => {
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
    await placeOrder(db(), {
      form: { ...guest, paymentMethod: 'CASH_ON_DELIVERY' },
      lines: [{ listingId: listing.id, quantity: 1 }],
      userId: null,
      now: minutes(20),
      holdMinutes: 15,
    });

    const result = await applyStripeEvent(
      db(),
      stripeEvent('checkout.session.completed', { ...paidSession(late, paymentIntent), id: session.id }),
      minutes(21),
    );
    expect(result).toMatchObject({ outcome: 'refund-needed', paymentIntentId: paymentIntent });
    if (result.outcome !== 'refund-needed') return;
    await refundLatePayment(db(), result, minutes(21));
    await refundLatePayment(db(), result, minutes(22));

    expect(stripe.refunds).toEqual([expect.objectContaining({ payment_intent: paymentIntent, amount: late.totalVnd })]);
    const stored = await db().order.findUniqueOrThrow({
      where: { id: late.id },
      include: { payments: true, refunds: true, events: { orderBy: { at: 'asc' } } },
    });
    expect(stored.status).toBe('CANCELLED');
    expect(stored.events.at(-1)).toMatchObject({ status: 'CANCELLED', note: 'orders.note.paidAfterCancel' });
    expect(stored.payments[0]!.status).toBe('REFUNDED');
    expect(stored.refunds).toEqual([
      expect.objectContaining({ amountVnd: late.totalVnd, providerRef: stripe.refunds[0]!.id }),
    ]);
  });
});
