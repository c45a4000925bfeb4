import { type Db, type OrderStatus, inTransaction } from '@seedline/db';
import { releaseHolds, restockUnits, sellUnits } from '../checkout/holds.server.ts';
import { isRefusalOf, refusal } from '../errors/refusals.ts';
import { assertTransition, illegalTransition, isSold, restocks } from './transitions.ts';

export type StatusChange = {
  to: OrderStatus;
  now: Date;
  /** The status the caller saw: refuse if the order moved on meanwhile (a webhook, another staff member). */
  from?: OrderStatus;
  byUserId?: string | null;
  /** Free text from staff, or an i18n key (`orders.note.*`) for what the system did. */
  note?: string | null;
};

/**
 * The one way an order changes status: checks the transition table, records a timestamped
 * OrderEvent, and moves the stock that goes with the change (sold on payment or confirmation,
 * released or restocked when the order ends). All in one transaction.
 */
export function changeStatus(db: Db, orderId: string, change: StatusChange) {
  return inTransaction(db, async (tx) => {
    const order = await tx.order.findUnique({
      where: { id: orderId },
      select: { status: true, reference: true, fulfilment: true },
    });
    if (!order) throw refusal('ORDER_NOT_FOUND');
    const from = order.status;
    if (change.from && change.from !== from) throw illegalTransition(order.reference, from);
    assertTransition(order, change.to);
    // Stock first: selling may find the units gone (a late payment) and must then write nothing.
    if (!isSold(from) && isSold(change.to)) await sellUnits(tx, orderId, change.now);
    if (from === 'PLACED' && change.to === 'CANCELLED') await releaseHolds(tx, orderId, change.now);
    if (restocks(from, change.to)) await restockUnits(tx, orderId);
    // Conditional on the status read above: a concurrent change makes this one fail, not both apply.
    const moved = await tx.order.updateMany({ where: { id: orderId, status: from }, data: { status: change.to } });
    if (moved.count !== 1) throw illegalTransition(order.reference, from);
    await tx.orderEvent.create({
      data: {
        orderId,
        status: change.to,
        at: change.now,
        note: change.note ?? null,
        byUserId: change.byUserId ?? null,
      },
    });
    if (change.to === 'CANCELLED') {
      // No money will come for this order any more.
      await tx.payment.updateMany({ where: { orderId, status: 'PENDING' }, data: { status: 'EXPIRED' } });
    }
    return { from, to: change.to };
  });
}

/**
 * Cancels placed orders whose hold ran out unpaid. Their units are already for sale (an expired
 * hold counts for nothing); this records the end for the buyer and staff. Runs on a timer in the
 * server and when an order is read.
 */
export async function expireOverdueOrders(db: Db, now: Date, onlyOrderId?: string): Promise<number> {
  const overdue = await db.order.findMany({
    where: {
      ...(onlyOrderId ? { id: onlyOrderId } : {}),
      status: 'PLACED',
      reservations: { some: { releasedAt: null, expiresAt: { lte: now } } },
    },
    select: { id: true },
    take: 200,
  });
  let expired = 0;
  for (const { id } of overdue) {
    try {
      await changeStatus(db, id, { to: 'CANCELLED', from: 'PLACED', now, note: 'orders.note.reservationExpired' });
      expired++;
    } catch (error) {
      // Paid or cancelled meanwhile: nothing left to expire.
      if (!isRefusalOf(error, 'ILLEGAL_TRANSITION')) throw error;
    }
  }
  return expired;
}
