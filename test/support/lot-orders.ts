import { randomUUID } from 'node:crypto';
import type { OrderStatus, PaymentMethod, PaymentStatus, PrismaClient } from '@seedline/db';

// Orders of one lot made straight in the database (createMany), for recall tests at scale: the
// shop's checkout is tested elsewhere, and 500 orders through it would take minutes.

/** The kinds a recall treats differently: unpaid (cancelled) and paid (kept for a refund). */
const kinds: { status: OrderStatus; method: PaymentMethod; payment: PaymentStatus }[] = [
  { status: 'PLACED', method: 'BANK_TRANSFER', payment: 'PENDING' },
  { status: 'PAID', method: 'CARD', payment: 'SUCCEEDED' },
  { status: 'CONFIRMED', method: 'CASH_ON_DELIVERY', payment: 'PENDING' },
];

export type SoldOrder = { id: string; reference: string; email: string; paid: boolean };

/**
 * `count` orders of one unit each of the lot, in turn unpaid by transfer, paid by card, confirmed
 * cash; every other one for pickup. `emailOf(i)` names each buyer (two orders may share one).
 */
export async function sellLotInOrders(
  prisma: PrismaClient,
  lotCode: string,
  count: number,
  emailOf: (i: number) => string = (i) => `nguoimua${i}@example.vn`,
): Promise<SoldOrder[]> {
  const lot = await prisma.packLot.findUniqueOrThrow({ where: { lotCode }, include: { listing: true } });
  const listing = lot.listing!;
  const point = await prisma.pickupPoint.findFirstOrThrow();
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const orders = Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    const pickup = i % 2 === 0;
    return {
      id: randomUUID(),
      reference: `RC${tag}${String(i).padStart(4, '0')}`,
      accessToken: randomUUID(),
      status: kind.status,
      contactName: `Người mua ${i}`,
      contactPhone: `09${String(10_000_000 + i)}`,
      contactEmail: emailOf(i),
      fulfilment: pickup ? ('PICKUP' as const) : ('DELIVERY' as const),
      pickupPointId: pickup ? point.id : null,
      deliveryAddress: pickup ? null : `${i} Trần Phú, Hà Nội`,
      paymentMethod: kind.method,
      totalVnd: BigInt(listing.priceVnd),
      createdAt: new Date(Date.now() - (count - i) * 60_000),
    };
  });
  await prisma.order.createMany({ data: orders });
  await prisma.orderLine.createMany({
    data: orders.map((o) => ({
      orderId: o.id,
      listingId: listing.id,
      packLotId: lot.id,
      quantity: 1,
      unitPriceVnd: listing.priceVnd,
      lineTotalVnd: BigInt(listing.priceVnd),
    })),
  });
  await prisma.payment.createMany({
    data: orders.map((o, i) => ({
      orderId: o.id,
      method: o.paymentMethod,
      amountVnd: o.totalVnd,
      status: kinds[i % kinds.length]!.payment,
      paidAt: kinds[i % kinds.length]!.payment === 'SUCCEEDED' ? o.createdAt : null,
    })),
  });
  return orders.map((o, i) => ({
    id: o.id,
    reference: o.reference,
    email: o.contactEmail,
    paid: kinds[i % kinds.length]!.payment === 'SUCCEEDED',
  }));
}
