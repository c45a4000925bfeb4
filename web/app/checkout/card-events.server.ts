import { type Db, Prisma, type Tx, inTransaction } from '@seedline/db';
import type Stripe from 'stripe';
import { changeStatus } from '../orders/lifecycle.server.ts';
import { queueOrderConfirmation } from '../orders/notify.server.ts';
import { recordRefundOwed } from '../orders/refunds.server.ts';
import { canTransition } from '../orders/transitions.ts';
import { isRefusalOf } from '../errors/refusals.ts';
import { fromStoredVnd } from './amounts.ts';

// What Stripe's events do to orders. Each event is applied once (its id is recorded in the same
// transaction as its effect) and in any order: every handler looks at where the order is now and
// does only what still makes sense from there.

export type CardEventResult =
  | { outcome: 'duplicate' | 'ignored' | 'applied' }
  /** Money arrived for an order that can no longer be filled: the refund owed is recorded, for the caller to ask Stripe. */
  | { outcome: 'refund-owed'; orderId: string; refundId: string };

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

export async function applyStripeEvent(db: Db, event: Stripe.Event, now: Date): Promise<CardEventResult> {
  try {
    return await inTransaction(db, async (tx) => {
      // First, so a concurrent delivery of the same event waits here and then fails on the key.
      const seen = await tx.processedWebhookEvent.findUnique({ where: { id: event.id }, select: { id: true } });
      if (seen) return { outcome: 'duplicate' as const };
      await tx.processedWebhookEvent.create({ data: { id: event.id, provider: 'stripe', type: event.type } });
      return apply(tx, event, now);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      return { outcome: 'duplicate' };
    throw error;
  }
}

async function apply(tx: Tx, event: Stripe.Event, now: Date): Promise<CardEventResult> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      // Bank debits and the like complete unpaid, then succeed or fail later.
      if (session.payment_status !== 'paid') return { outcome: 'ignored' };
      return cardPaid(tx, session, now);
    }
    case 'checkout.session.async_payment_failed':
      return sessionEnded(tx, event.data.object, 'FAILED', 'orders.note.paymentFailed', now);
    case 'checkout.session.expired':
      return sessionEnded(tx, event.data.object, 'EXPIRED', 'orders.note.sessionExpired', now);
    case 'charge.refunded':
      return chargeRefunded(tx, event.data.object, now);
    default:
      return { outcome: 'ignored' };
  }
}

async function cardPaymentOf(tx: Tx, session: Stripe.Checkout.Session) {
  const orderId = session.metadata?.orderId ?? session.client_reference_id;
  if (!orderId) return null;
  const order = await tx.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      status: true,
      totalVnd: true,
      payments: { where: { method: 'CARD' }, orderBy: { createdAt: 'asc' }, take: 1 },
    },
  });
  const payment = order?.payments[0];
  return order && payment ? { order, payment } : null;
}

async function cardPaid(tx: Tx, session: Stripe.Checkout.Session, now: Date): Promise<CardEventResult> {
  const found = await cardPaymentOf(tx, session);
  if (!found || session.currency !== 'vnd' || session.amount_total !== fromStoredVnd(found.order.totalVnd)) {
    console.warn(
      `Stripe session ${session.id}: no card order of ${session.amount_total} ${session.currency} to mark paid`,
    );
    return { outcome: 'ignored' };
  }
  const { order, payment } = found;
  const paymentIntentId = idOf(session.payment_intent);
  if (payment.status === 'SUCCEEDED' || payment.status === 'REFUNDED') {
    // Already paid, or refunded before this event arrived: keep what is recorded.
    if (paymentIntentId && !payment.paymentIntentId) {
      await tx.payment.update({ where: { id: payment.id }, data: { paymentIntentId } });
    }
    return { outcome: 'ignored' };
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: { status: 'SUCCEEDED', providerRef: session.id, paymentIntentId, paidAt: now },
  });
  if (order.status === 'PLACED') {
    try {
      await changeStatus(tx, order.id, { to: 'PAID', from: 'PLACED', now });
      // Paid: the buyer hears so, with the same commit.
      await queueOrderConfirmation(tx, order.id, now);
      return { outcome: 'applied' };
    } catch (error) {
      // The hold ran out and others bought the units before the money came.
      if (!isRefusalOf(error, 'SOLD_OUT')) throw error;
      await changeStatus(tx, order.id, { to: 'CANCELLED', from: 'PLACED', now, note: 'orders.note.paidAfterCancel' });
    }
  } else if (order.status === 'CANCELLED') {
    await tx.orderEvent.create({
      data: { orderId: order.id, status: 'CANCELLED', at: now, note: 'orders.note.paidAfterCancel' },
    });
  } else {
    return { outcome: 'ignored' };
  }
  // The money goes back: owed from this commit on, so a failed refund is retried, never forgotten.
  const refundId = await recordRefundOwed(tx, {
    orderId: order.id,
    paymentId: payment.id,
    amountVnd: session.amount_total ?? order.totalVnd,
    reason: 'orders.note.paidAfterCancel',
    now,
  });
  return { outcome: 'refund-owed', orderId: order.id, refundId };
}

async function sessionEnded(
  tx: Tx,
  session: Stripe.Checkout.Session,
  status: 'FAILED' | 'EXPIRED',
  note: string,
  now: Date,
): Promise<CardEventResult> {
  const found = await cardPaymentOf(tx, session);
  // After a payment (or anything past PLACED) a late "expired" or "failed" changes nothing.
  if (!found || found.payment.status !== 'PENDING' || found.order.status !== 'PLACED') return { outcome: 'ignored' };
  await changeStatus(tx, found.order.id, { to: 'CANCELLED', from: 'PLACED', now, note });
  await tx.payment.update({ where: { id: found.payment.id }, data: { status, providerRef: session.id } });
  return { outcome: 'applied' };
}

/**
 * Refunds made at Stripe (ours through the back office, or from Stripe's dashboard). The charge
 * says how much has been refunded in all; what is not recorded yet is recorded now.
 */
async function chargeRefunded(tx: Tx, charge: Stripe.Charge, now: Date): Promise<CardEventResult> {
  const paymentIntentId = idOf(charge.payment_intent);
  const orderId = charge.metadata?.orderId;
  const payment = await tx.payment.findFirst({
    where: {
      method: 'CARD',
      OR: [...(paymentIntentId ? [{ paymentIntentId }] : []), ...(orderId ? [{ orderId }] : [])],
    },
    include: {
      refunds: { select: { amountVnd: true } },
      order: { select: { id: true, status: true, fulfilment: true } },
    },
  });
  if (!payment) return { outcome: 'ignored' };
  const recorded = payment.refunds.reduce((sum, r) => sum + fromStoredVnd(r.amountVnd), 0);
  if (charge.amount_refunded > recorded) {
    await tx.refund.create({
      data: {
        paymentId: payment.id,
        orderId: payment.orderId,
        amountVnd: charge.amount_refunded - recorded,
        reason: 'orders.note.refundedAtStripe',
        createdAt: now,
      },
    });
  }
  const whole = charge.amount_refunded >= payment.amountVnd;
  // A refund we still owed is made (by our retry, or by hand at Stripe): it is owed no more.
  if (whole) {
    await tx.refund.updateMany({
      where: { paymentId: payment.id, status: 'PENDING' },
      data: { status: 'SUCCEEDED', nextAttemptAt: null },
    });
  }
  await tx.payment.update({
    where: { id: payment.id },
    data: {
      paymentIntentId: payment.paymentIntentId ?? paymentIntentId,
      // A charge refunded was a charge taken, even if its payment event has not come yet: the money
      // arrived and went back, and the farms' payouts count both (decision 022).
      paidAt: payment.paidAt ?? now,
      ...(whole ? { status: 'REFUNDED' } : {}),
    },
  });
  if (!whole) return { outcome: 'applied' };
  const status = payment.order.status;
  const note = 'orders.note.refundedAtStripe';
  // Refunded before we heard it was paid: the order will not go ahead.
  if (status === 'PLACED') await changeStatus(tx, payment.orderId, { to: 'CANCELLED', from: status, now, note });
  else if (canTransition(payment.order, 'REFUNDED')) {
    await changeStatus(tx, payment.orderId, { to: 'REFUNDED', from: status, now, note });
  }
  return { outcome: 'applied' };
}
