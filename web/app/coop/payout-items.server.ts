import type { Db, Tx } from '@seedline/db';
import { type Period, periodOf, splitRefund } from './payouts.ts';

// What goes into payout statements, read from the orders: each sold order line (counted when its
// order's payment arrived) and each order line's share of a refund (counted when the refund was
// made). Only money that arrived counts: a line of an order never paid is in no statement.

export type PayoutItemRow = {
  kind: 'sale' | 'refund';
  orderLineId: string;
  refundId: string | null;
  farmId: string;
  at: Date;
  period: Period;
  amountVnd: bigint;
  orderReference: string;
  productVi: string;
  productEn: string;
  lotCode: string;
  quantity: number;
};

const received = { in: ['SUCCEEDED' as const, 'REFUNDED' as const] };

const lineSelect = {
  id: true,
  quantity: true,
  lineTotalVnd: true,
  order: { select: { reference: true } },
  packLot: {
    select: {
      lotCode: true,
      product: { select: { nameVi: true, nameEn: true } },
      harvest: { select: { planting: { select: { zone: { select: { greenhouse: { select: { farmId: true } } } } } } } },
    },
  },
} as const;

type LineRow = {
  id: string;
  quantity: number;
  lineTotalVnd: bigint;
  order: { reference: string };
  packLot: {
    lotCode: string;
    product: { nameVi: string; nameEn: string };
    harvest: { planting: { zone: { greenhouse: { farmId: string } } } };
  };
};

function itemOf(line: LineRow, entry: Pick<PayoutItemRow, 'kind' | 'refundId' | 'at' | 'amountVnd'>): PayoutItemRow {
  return {
    ...entry,
    orderLineId: line.id,
    farmId: line.packLot.harvest.planting.zone.greenhouse.farmId,
    period: periodOf(entry.at),
    orderReference: line.order.reference,
    productVi: line.packLot.product.nameVi,
    productEn: line.packLot.product.nameEn,
    lotCode: line.packLot.lotCode,
    quantity: line.quantity,
  };
}

/** Sales and refund shares of every farm before `end`, whether paid out or not. */
export async function payoutItemsBefore(db: Db | Tx, end: Date): Promise<PayoutItemRow[]> {
  const [payments, refunds] = await Promise.all([
    db.payment.findMany({
      where: { status: received, paidAt: { lt: end } },
      select: { paidAt: true, order: { select: { lines: { select: lineSelect, orderBy: { id: 'asc' } } } } },
    }),
    db.refund.findMany({
      where: { status: 'SUCCEEDED', createdAt: { lt: end }, payment: { paidAt: { not: null } } },
      select: {
        id: true,
        amountVnd: true,
        createdAt: true,
        order: { select: { lines: { select: lineSelect, orderBy: { id: 'asc' } } } },
      },
    }),
  ]);
  const sales = payments.flatMap((p) =>
    p.order.lines.map((line) =>
      itemOf(line, { kind: 'sale', refundId: null, at: p.paidAt ?? end, amountVnd: line.lineTotalVnd }),
    ),
  );
  const shares = refunds.flatMap((r) =>
    splitRefund(
      r.amountVnd,
      r.order.lines.map((line) => ({ ...line, amountVnd: line.lineTotalVnd })),
    ).map(({ line, amountVnd }) => itemOf(line, { kind: 'refund', refundId: r.id, at: r.createdAt, amountVnd })),
  );
  return [...sales, ...shares].filter((item) => item.amountVnd !== 0n);
}

/** The key of an item, the same for a computed item and its frozen copy in a paid statement. */
export const itemKey = (item: { orderLineId: string; refundId: string | null }) =>
  `${item.orderLineId}:${item.refundId ?? 'sale'}`;
