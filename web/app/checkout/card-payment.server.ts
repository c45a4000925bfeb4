import type { Db } from '@seedline/db';
import { checkoutSession } from './stripe.server.ts';

/**
 * Opens (or reopens: same idempotency key, same session) the Stripe Checkout page of a placed
 * card order, and records the session on the order's card payment.
 */
export async function startCardPayment(db: Db, orderId: string) {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      reference: true,
      accessToken: true,
      contactEmail: true,
      lines: {
        orderBy: { id: 'asc' },
        select: {
          listingId: true,
          quantity: true,
          unitPriceVnd: true,
          packLot: { select: { lotCode: true, product: { select: { nameVi: true } } } },
        },
      },
    },
  });
  const session = await checkoutSession({
    ...order,
    lines: order.lines.map((l) => ({
      listingId: l.listingId,
      quantity: l.quantity,
      unitPriceVnd: l.unitPriceVnd,
      name: `${l.packLot.product.nameVi} · ${l.packLot.lotCode}`,
    })),
  });
  await db.payment.updateMany({
    where: { orderId, method: 'CARD', providerRef: null },
    data: { providerRef: session.id },
  });
  return session;
}
