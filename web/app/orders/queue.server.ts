import type { Db, OrderStatus } from '@seedline/db';
import { availableActions } from './staff-actions.server.ts';

const finished: OrderStatus[] = ['DELIVERED', 'CANCELLED', 'REFUNDED'];

/** The back office's order queue: orders still to work (or all), oldest first, with what staff may do next. */
export async function orderQueue(db: Db, show: 'open' | 'all') {
  const orders = await db.order.findMany({
    // Open: still to work, or money still owed back (a refund Stripe has not made yet).
    where:
      show === 'open' ? { OR: [{ status: { notIn: finished } }, { refunds: { some: { status: 'PENDING' } } }] } : {},
    orderBy: { createdAt: show === 'open' ? 'asc' : 'desc' },
    take: 200,
    select: {
      id: true,
      reference: true,
      status: true,
      createdAt: true,
      contactName: true,
      contactPhone: true,
      fulfilment: true,
      deliveryAddress: true,
      windowStart: true,
      windowEnd: true,
      pickupPoint: { select: { name: true } },
      paymentMethod: true,
      totalVnd: true,
      payments: { select: { status: true } },
      refunds: { where: { status: 'PENDING' }, select: { attempts: true, lastError: true } },
      lines: { select: { id: true, quantity: true, packLot: { select: { lotCode: true } } } },
    },
  });
  return orders.map(({ payments, refunds, ...order }) => {
    const paid = payments.some((p) => p.status === 'SUCCEEDED');
    const refundOwed = refunds[0] ?? null;
    return {
      ...order,
      paid,
      refundOwed,
      actions: availableActions({ ...order, paid, refundOwed: refundOwed !== null }),
    };
  });
}
