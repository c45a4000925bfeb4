import { type Db, type Fulfilment, type OrderStatus, inTransaction } from '@seedline/db';
import { fromStoredVnd } from '../checkout/amounts.ts';
import { refundCardPayment } from '../checkout/stripe.server.ts';
import { refusal } from '../errors/refusals.ts';
import { changeStatus } from './lifecycle.server.ts';
import { attemptRefund } from './refunds.server.ts';
import { canTransition, illegalTransition, mayCancel } from './transitions.ts';

// The back office's order actions. Each is one status change (lifecycle.server.ts) plus what the
// payment records need; the route only parses the form and calls one of these.

export const staffActions = [
  'confirmTransfer',
  'confirmCash',
  'pack',
  'handOver',
  'deliver',
  'cancel',
  'refund',
  'retryRefund',
] as const;
export type StaffAction = (typeof staffActions)[number];

/**
 * Who acts, when, and the status they saw on their screen: two staff acting on one order at once
 * (or one on a stale page) must not both change it, so each change applies only from that status.
 */
type Actor = { byUserId: string; now: Date; seen: OrderStatus };

async function orderOf(db: Db, orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      reference: true,
      status: true,
      fulfilment: true,
      paymentMethod: true,
      payments: {
        where: { status: 'SUCCEEDED' },
        select: { id: true, method: true, paymentIntentId: true, amountVnd: true },
      },
    },
  });
  if (!order) throw refusal('ORDER_NOT_FOUND');
  return order;
}

/** Which actions the back office offers for an order in this state. */
export function availableActions(order: {
  status: OrderStatus;
  fulfilment: Fulfilment;
  paymentMethod: string;
  paid: boolean;
  /** A refund the shop owes that Stripe has not made yet. */
  refundOwed?: boolean;
}): StaffAction[] {
  const actions: StaffAction[] = [];
  if (order.paymentMethod === 'BANK_TRANSFER' && order.status === 'PLACED') actions.push('confirmTransfer');
  if (order.paymentMethod === 'CASH_ON_DELIVERY' && order.status === 'PLACED') actions.push('confirmCash');
  if (canTransition(order, 'PACKED')) actions.push('pack');
  if (canTransition(order, 'HANDED_OVER')) actions.push('handOver');
  if (canTransition(order, 'DELIVERED')) actions.push('deliver');
  if (mayCancel(order, order.paid)) actions.push('cancel');
  if (order.paid && canTransition(order, 'REFUNDED')) actions.push('refund');
  if (order.refundOwed) actions.push('retryRefund');
  return actions;
}

export async function runStaffAction(db: Db, orderId: string, action: StaffAction, actor: Actor) {
  switch (action) {
    case 'confirmTransfer':
      return confirmTransfer(db, orderId, actor);
    case 'confirmCash':
      return confirmCash(db, orderId, actor);
    case 'pack':
      return changeStatus(db, orderId, { to: 'PACKED', ...change(actor) });
    case 'handOver':
      return changeStatus(db, orderId, { to: 'HANDED_OVER', ...change(actor) });
    case 'deliver':
      return deliver(db, orderId, actor);
    case 'cancel':
      return cancel(db, orderId, actor);
    case 'refund':
      return refund(db, orderId, actor);
    case 'retryRefund':
      return retryRefund(db, orderId, actor);
  }
}

const change = ({ byUserId, now, seen }: Actor) => ({ byUserId, now, from: seen });

/** Staff saw the transfer arrive: the order is confirmed and its units sold. */
function confirmTransfer(db: Db, orderId: string, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const order = await orderOf(tx, orderId);
    if (order.paymentMethod !== 'BANK_TRANSFER') throw illegalTransition(order.reference, order.status);
    const result = await changeStatus(tx, orderId, {
      to: 'CONFIRMED',
      note: 'orders.note.transferReceived',
      ...change(actor),
    });
    await tx.payment.updateMany({
      where: { orderId, method: 'BANK_TRANSFER', status: 'PENDING' },
      // When the money arrived: the farm's payout counts the sale from this moment.
      data: { status: 'SUCCEEDED', paidAt: actor.now },
    });
    return result;
  });
}

/**
 * Staff called the buyer of a cash order and they confirmed it: the order is confirmed and its
 * units sold. Until then a cash order only holds its units (a script cannot empty the shop).
 */
function confirmCash(db: Db, orderId: string, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const order = await orderOf(tx, orderId);
    if (order.paymentMethod !== 'CASH_ON_DELIVERY') throw illegalTransition(order.reference, order.status);
    return changeStatus(tx, orderId, { to: 'CONFIRMED', note: 'orders.note.cashConfirmed', ...change(actor) });
  });
}

/** Delivered or picked up; cash on delivery is paid at this moment. */
function deliver(db: Db, orderId: string, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const result = await changeStatus(tx, orderId, { to: 'DELIVERED', ...change(actor) });
    await tx.payment.updateMany({
      where: { orderId, method: 'CASH_ON_DELIVERY', status: 'PENDING' },
      // When the money arrived: the farm's payout counts the sale from this moment.
      data: { status: 'SUCCEEDED', paidAt: actor.now },
    });
    return result;
  });
}

function cancel(db: Db, orderId: string, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const order = await orderOf(tx, orderId);
    // Succeeded payments only are loaded: money was taken, so it must go back with a refund.
    if (order.payments.length > 0) throw refusal('REFUND_FIRST', { reference: order.reference });
    return changeStatus(tx, orderId, { to: 'CANCELLED', ...change(actor) });
  });
}

/**
 * Returns the money and ends the order. A card payment is refunded through Stripe first (outside
 * the transaction: a network call must not hold row locks); if Stripe refuses, nothing changes
 * here. A transfer or cash is returned by staff by hand, and recorded.
 */
async function refund(db: Db, orderId: string, actor: Actor) {
  const order = await orderOf(db, orderId);
  const payment = order.payments[0];
  if (!payment) throw refusal('NOTHING_TO_REFUND', { reference: order.reference });
  // Checked before Stripe is asked: money must not go back for an order that moved on meanwhile.
  if (order.status !== actor.seen || !canTransition(order, 'REFUNDED')) {
    throw illegalTransition(order.reference, order.status);
  }
  let providerRef: string | null = null;
  if (payment.method === 'CARD') {
    if (!payment.paymentIntentId) {
      throw refusal('REFUND_FAILED', { reference: order.reference }, { cause: 'no Stripe payment intent recorded' });
    }
    try {
      const done = await refundCardPayment({
        orderId,
        paymentIntentId: payment.paymentIntentId,
        amountVnd: fromStoredVnd(payment.amountVnd),
      });
      providerRef = done.id;
    } catch (error) {
      throw refusal('REFUND_FAILED', { reference: order.reference }, { cause: error });
    }
  }
  return recordRefund(db, {
    orderId,
    paymentId: payment.id,
    amountVnd: fromStoredVnd(payment.amountVnd),
    providerRef,
    byUserId: actor.byUserId,
    now: actor.now,
  });
}

/** Staff ask Stripe again, now, for a refund the shop still owes (refunds.server.ts retries it anyway). */
async function retryRefund(db: Db, orderId: string, actor: Actor) {
  const order = await orderOf(db, orderId);
  const owed = await db.refund.findFirst({ where: { orderId, status: 'PENDING' }, select: { id: true } });
  if (!owed) throw refusal('NOTHING_TO_REFUND', { reference: order.reference });
  const attempt = await attemptRefund(db, owed.id, actor.now, { evenIfNotDue: true });
  if (attempt === 'failed') throw refusal('REFUND_FAILED', { reference: order.reference });
  return { from: order.status, to: order.status };
}

/** Records a whole refund and ends the order; a refund Stripe already told us about is not recorded twice. */
export function recordRefund(
  db: Db,
  input: {
    orderId: string;
    paymentId: string;
    amountVnd: number;
    providerRef: string | null;
    byUserId: string | null;
    now: Date;
  },
) {
  return inTransaction(db, async (tx) => {
    const aggregate = await tx.refund.aggregate({ where: { paymentId: input.paymentId }, _sum: { amountVnd: true } });
    const recorded = fromStoredVnd(aggregate._sum.amountVnd ?? 0n);
    if (recorded < input.amountVnd) {
      await tx.refund.create({
        data: {
          paymentId: input.paymentId,
          orderId: input.orderId,
          amountVnd: input.amountVnd - recorded,
          providerRef: input.providerRef,
          reason: input.byUserId ? 'staff' : 'orders.note.paidAfterCancel',
          createdAt: input.now,
        },
      });
    }
    await tx.payment.update({ where: { id: input.paymentId }, data: { status: 'REFUNDED' } });
    const order = await tx.order.findUniqueOrThrow({
      where: { id: input.orderId },
      select: { status: true, fulfilment: true },
    });
    if (!canTransition(order, 'REFUNDED')) return { from: order.status, to: order.status };
    return changeStatus(tx, input.orderId, {
      to: 'REFUNDED',
      from: order.status,
      byUserId: input.byUserId,
      now: input.now,
    });
  });
}
