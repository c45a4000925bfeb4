import { type BackwardTrace, type Db, calendarDay, traceBackward } from '@seedline/db';
import type { ChainOrder, IrrigationDay, RecallChain } from './chain.ts';

/** Loads a lot's chain for the exports; null when no lot has this code. */
export async function loadRecallChain(db: Db, lotCode: string): Promise<RecallChain | null> {
  const trace = await traceBackward(db, lotCode);
  if (!trace) return null;
  const [irrigation, orders] = await Promise.all([irrigationOf(db, trace), ordersOf(db, trace.packLot.id)]);
  const { farm, packLot } = trace;
  return {
    lotCode,
    gtin: trace.product.gtin,
    product: { nameVi: trace.product.nameVi, nameEn: trace.product.nameEn, unit: trace.product.unit },
    farm: {
      code: farm.code,
      name: farm.name,
      address: [farm.address, farm.commune, farm.province].filter(Boolean).join(', '),
    },
    greenhouse: { name: trace.greenhouse.name, thingName: trace.greenhouse.thingName },
    zone: { key: trace.zone.key, name: trace.zone.name },
    seedLot: { supplier: trace.seedLot.supplier, variety: trace.seedLot.variety, lotNumber: trace.seedLot.lotNumber },
    harvest: { id: trace.harvest.id, harvestedAt: trace.harvest.harvestedAt, weightGrams: trace.harvest.weightGrams },
    packLot: { unitCount: packLot.unitCount, unitWeightGrams: packLot.unitWeightGrams, packedOn: packLot.packedOn },
    irrigation,
    orders,
  };
}

/** The zone's hourly roll-ups from planting to harvest, summed per day in Vietnam. */
async function irrigationOf(db: Db, trace: BackwardTrace): Promise<IrrigationDay[]> {
  const { planting, harvest } = trace;
  const from = planting.sownOn ?? planting.transplantedOn ?? planting.createdAt;
  const hours = await db.zoneHourly.findMany({
    where: { zoneId: planting.zoneId, hour: { gte: from, lte: harvest.harvestedAt } },
    orderBy: { hour: 'asc' },
    select: { hour: true, moistureMin: true, moistureAvg: true, moistureMax: true, litres: true },
  });
  const days = new Map<string, typeof hours>();
  for (const h of hours) days.set(calendarDay(h.hour), [...(days.get(calendarDay(h.hour)) ?? []), h]);
  return [...days].map(([day, rows]) => {
    const mins = rows.flatMap((r) => (r.moistureMin === null ? [] : [r.moistureMin]));
    const maxes = rows.flatMap((r) => (r.moistureMax === null ? [] : [r.moistureMax]));
    const means = rows.flatMap((r) => (r.moistureAvg === null ? [] : [r.moistureAvg]));
    return {
      day,
      moistureMin: mins.length ? Math.min(...mins) : null,
      moistureMax: maxes.length ? Math.max(...maxes) : null,
      moistureMean: means.length ? round1(means.reduce((a, b) => a + b, 0) / means.length) : null,
      litres: round1(rows.reduce((sum, r) => sum + r.litres, 0)),
    };
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function ordersOf(db: Db, packLotId: string): Promise<ChainOrder[]> {
  const lines = await db.orderLine.findMany({
    where: { packLotId },
    orderBy: [{ order: { createdAt: 'asc' } }, { id: 'asc' }],
    select: {
      quantity: true,
      order: {
        select: {
          reference: true,
          status: true,
          createdAt: true,
          fulfilment: true,
          deliveryAddress: true,
          pickupPoint: { select: { name: true, address: true, commune: true, province: true } },
        },
      },
    },
  });
  return lines.map(({ quantity, order }) => ({
    reference: order.reference,
    status: order.status,
    orderedAt: order.createdAt,
    fulfilment: order.fulfilment,
    quantity,
    shipTo: shipTo(order),
  }));
}

function shipTo(order: {
  deliveryAddress: string | null;
  pickupPoint: { name: string; address: string; commune: string; province: string } | null;
}) {
  const point = order.pickupPoint;
  if (point) return { name: point.name, address: [point.address, point.commune, point.province].join(', ') };
  return order.deliveryAddress ? { name: '', address: order.deliveryAddress } : null;
}
