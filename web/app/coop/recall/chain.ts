import { type Fulfilment, type OrderStatus, type SaleUnit, calendarDay } from '@seedline/db';

// A lot's chain as the record exports need it: plain data, loaded once (chain.server.ts) and
// turned into EPCIS (epcis.ts) and the FSMA 204 spreadsheet (fsma.ts) by pure functions.

export type Place = { name: string; address: string };

export type ChainOrder = {
  reference: string;
  status: OrderStatus;
  orderedAt: Date;
  fulfilment: Fulfilment;
  quantity: number;
  /** Where the produce went: the pickup point, or the delivery address; null when not recorded. */
  shipTo: Place | null;
};

/** One day of the zone's measured irrigation while the lot's planting grew. */
export type IrrigationDay = {
  day: string;
  moistureMin: number | null;
  moistureMean: number | null;
  moistureMax: number | null;
  litres: number;
};

export type RecallChain = {
  lotCode: string;
  gtin: string;
  product: { nameVi: string; nameEn: string; unit: SaleUnit };
  farm: Place & { code: string };
  greenhouse: { name: string; thingName: string };
  zone: { key: string; name: string };
  seedLot: { supplier: string; variety: string; lotNumber: string };
  harvest: { id: string; harvestedAt: Date; weightGrams: number };
  packLot: { unitCount: number; unitWeightGrams: number | null; packedOn: Date };
  irrigation: IrrigationDay[];
  orders: ChainOrder[];
};

/**
 * The harvest's own lot, for the class-level identity EPCIS gives it before packing: the harvest
 * day and the end of the harvest's id (AI 10 takes at most 20 characters), the same in every export.
 */
export function harvestLot(chain: Pick<RecallChain, 'harvest'>): string {
  const day = calendarDay(chain.harvest.harvestedAt).slice(2).replaceAll('-', '');
  return `H${day}-${chain.harvest.id.slice(-8)}`;
}

/** Orders whose produce left the co-op's hands or was sold: placed-only and cancelled ones did not ship. */
export function shippedOrders(chain: Pick<RecallChain, 'orders'>): ChainOrder[] {
  return chain.orders.filter((o) => o.status !== 'PLACED' && o.status !== 'CANCELLED');
}
