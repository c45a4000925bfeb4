import { type Db, type Tx, inTransaction } from '@seedline/db';
import { fromStoredVnd } from '../checkout/amounts.ts';
import { refundCardPayment } from '../checkout/stripe.server.ts';
import { repeatInBackground } from '../repeat.server.ts';

// Card refunds the shop owes and Stripe has not made yet: money taken for an order that could not
// be filled (a payment that came after the hold ran out). The debt is written in the same
// transaction that finds it, then Stripe is asked, and asked again with backoff until it says yes.
// Nothing is forgotten: a refund is never given up, and the back office shows those still owed.

/** Minutes before the next try after `attempts` failed ones: 1, 5, 15, 60, then every 6 hours. */
const backoffMinutes = [1, 5, 15, 60, 360];

/** While one process asks Stripe, the row is not due for anyone else (a lease, not a lock held across the call). */
const leaseMinutes = 5;

/** Writes the refund owed, inside the caller's transaction. Stripe is asked once it commits. */
export async function recordRefundOwed(
  tx: Tx,
  debt: { orderId: string; paymentId: string; amountVnd: number; reason: string; now: Date },
): Promise<string> {
  const refund = await tx.refund.create({
    data: {
      orderId: debt.orderId,
      paymentId: debt.paymentId,
      amountVnd: debt.amountVnd,
      reason: debt.reason,
      status: 'PENDING',
      nextAttemptAt: debt.now,
      createdAt: debt.now,
    },
    select: { id: true },
  });
  return refund.id;
}

export type RefundAttempt = 'refunded' | 'failed' | 'not-due';

/**
 * Asks Stripe for one owed refund, if it is due (or `now` whatever its schedule, when staff ask).
 * Stripe's idempotency key is the refund's own id: a retry after an answer that was lost gets the
 * same refund back, never a second one.
 */
export async function attemptRefund(
  db: Db,
  refundId: string,
  now: Date,
  options: { evenIfNotDue?: boolean } = {},
): Promise<RefundAttempt> {
  const leased = await db.refund.updateMany({
    where: {
      id: refundId,
      status: 'PENDING',
      ...(options.evenIfNotDue ? {} : { nextAttemptAt: { lte: now } }),
    },
    data: { nextAttemptAt: new Date(now.getTime() + leaseMinutes * 60_000), attempts: { increment: 1 } },
  });
  if (leased.count === 0) return 'not-due';
  const refund = await db.refund.findUniqueOrThrow({
    where: { id: refundId },
    select: {
      orderId: true,
      amountVnd: true,
      attempts: true,
      payment: { select: { id: true, paymentIntentId: true } },
    },
  });
  try {
    if (!refund.payment.paymentIntentId) throw new Error('no Stripe payment intent is recorded for the payment');
    const done = await refundCardPayment({
      orderId: refund.orderId,
      paymentIntentId: refund.payment.paymentIntentId,
      amountVnd: fromStoredVnd(refund.amountVnd),
      idempotencyKey: `seedline-refund-${refundId}`,
    });
    await settled(db, refundId, refund.payment.id, done.id);
    return 'refunded';
  } catch (error) {
    const wait = backoffMinutes[Math.min(refund.attempts, backoffMinutes.length) - 1] ?? 360;
    const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db.refund.update({
      where: { id: refundId },
      data: { nextAttemptAt: new Date(now.getTime() + wait * 60_000), lastError },
    });
    console.error(
      `Refund ${refundId} of order ${refund.orderId}: Stripe did not refund (try ${refund.attempts})`,
      error,
    );
    return 'failed';
  }
}

/** Stripe refunded: the refund is done and the payment refunded, together. */
function settled(db: Db, refundId: string, paymentId: string, providerRef: string) {
  return inTransaction(db, async (tx) => {
    await tx.refund.update({
      where: { id: refundId },
      data: { status: 'SUCCEEDED', providerRef, nextAttemptAt: null, lastError: null },
    });
    await tx.payment.update({ where: { id: paymentId }, data: { status: 'REFUNDED' } });
  });
}

/** Tries every owed refund that is due; what fails is tried again later. */
export async function retryDueRefunds(db: Db, now = new Date()) {
  const due = await db.refund.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: now } },
    orderBy: { createdAt: 'asc' },
    take: 20,
    select: { id: true },
  });
  const outcomes: RefundAttempt[] = [];
  for (const { id } of due) outcomes.push(await attemptRefund(db, id, now));
  return {
    refunded: outcomes.filter((o) => o === 'refunded').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  };
}

/** Tries owed refunds every minute, in the background of the web process. */
export function startRefundRetries(db: Db, options: { everyMs?: number; now?: boolean } = {}): () => void {
  return repeatInBackground('The refund retries', options.everyMs ?? 60_000, () => retryDueRefunds(db), {
    now: options.now,
  });
}
