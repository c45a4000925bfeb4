import type { Db } from '@seedline/db';

/** Everything the buyer's order page shows, oldest event first. */
export async function orderView(db: Db, orderId: string) {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      reference: true,
      accessToken: true,
      status: true,
      createdAt: true,
      contactName: true,
      contactPhone: true,
      contactEmail: true,
      fulfilment: true,
      deliveryAddress: true,
      windowStart: true,
      windowEnd: true,
      pickupPoint: { select: { name: true, address: true, commune: true } },
      paymentMethod: true,
      totalVnd: true,
      lines: {
        orderBy: { id: 'asc' },
        select: {
          id: true,
          quantity: true,
          unitPriceVnd: true,
          lineTotalVnd: true,
          packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } },
        },
      },
      events: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true, status: true, at: true, note: true } },
      payments: { select: { method: true, status: true } },
      reservations: { where: { releasedAt: null }, select: { expiresAt: true } },
    },
  });
  const heldUntil = order.reservations.map((r) => r.expiresAt).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return { ...order, heldUntil };
}

export type OrderView = Awaited<ReturnType<typeof orderView>>;
