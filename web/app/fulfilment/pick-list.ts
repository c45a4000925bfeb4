import type { SaleUnit } from '@seedline/db';

// A window's pick list (pure): what to take from which lot, then what goes in each order's bag.

export type PickLine = { lotCode: string; productVi: string; productEn: string; unit: SaleUnit; quantity: number };
export type PickOrder = { reference: string; lines: readonly PickLine[] };
export type LotTotal = Omit<PickLine, 'quantity'> & { quantity: number; orders: number };

/** Units per lot over every order, by lot code: the packer's walk through the store. */
export function totalsByLot(orders: readonly PickOrder[]): LotTotal[] {
  const totals = new Map<string, LotTotal>();
  for (const order of orders) {
    for (const line of order.lines) {
      const total = totals.get(line.lotCode) ?? { ...line, quantity: 0, orders: 0 };
      total.quantity += line.quantity;
      total.orders += 1;
      totals.set(line.lotCode, total);
    }
  }
  return [...totals.values()].sort((a, b) => a.lotCode.localeCompare(b.lotCode));
}
