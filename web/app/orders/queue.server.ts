import type { Db, OrderStatus } from '@seedline/db';
import { availableActions } from './staff-actions.server.ts';

const finished: OrderStatus[] = ['DELIVERED', 'CANCELLED', 'REFUNDED'];

/** The back office's order queue: orders still to work (or all), oldest first, with what staff may do next. */
export async function orderQueue(db: Db, show: 'open' | 'all') {
  const orders = await db.order.findMany({
    where: show === 'open' ? { status: { notIn: finished } } : {},
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
      pickupWindowStart: true,
      pickupWindowEnd: true,
      pickupPoint: { select: { name: true } },
      paymentMethod: true,
      totalVnd: true,
      payments: { select: { status: true } },
      lines: { select: { id: true, quantity: true, packLot: { select: { lotCode: true } } } },
    },
  });
  return orders.map(({ payments, ...order }) => {
    const paid = payments.some((p) => p.status === 'SUCCEEDED');
    return { ...order, paid, actions: availableActions({ ...order, paid }) };
  });
}
