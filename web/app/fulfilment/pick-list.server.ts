import type { Db } from '@seedline/db';
import { fromStoredVnd } from '../checkout/amounts.ts';
import { type PickOrder, totalsByLot } from './pick-list.ts';
import { bookedWhere } from './windows.server.ts';

/**
 * The orders of a window that hold a place in it (paid, confirmed, packed, or placed and still
 * held), with their lines' lots, and the units to take from each lot.
 */
export async function pickList(db: Db, windowId: string, now: Date) {
  const orders = await db.order.findMany({
    where: { windowId, ...bookedWhere(now) },
    orderBy: { reference: 'asc' },
    select: {
      id: true,
      reference: true,
      status: true,
      contactName: true,
      contactPhone: true,
      deliveryAddress: true,
      paymentMethod: true,
      totalVnd: true,
      lines: {
        orderBy: { packLot: { lotCode: 'asc' } },
        select: {
          quantity: true,
          listing: { select: { unit: true } },
          packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } },
        },
      },
    },
  });
  const picked = orders.map(({ lines, totalVnd, ...order }) => ({
    ...order,
    totalVnd: fromStoredVnd(totalVnd),
    lines: lines.map((l) => ({
      lotCode: l.packLot.lotCode,
      productVi: l.packLot.product.nameVi,
      productEn: l.packLot.product.nameEn,
      unit: l.listing.unit,
      quantity: l.quantity,
    })),
  })) satisfies PickOrder[];
  return { orders: picked, lots: totalsByLot(picked) };
}
