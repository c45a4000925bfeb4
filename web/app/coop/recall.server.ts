import { type Db, isValidLotCode, normalizeLotCode, traceBackward, traceForward } from '@seedline/db';

/**
 * A recall in one look: a lot's origin (seed lot, farm, inputs) and every order that received it
 * or any other lot grown from the same seed lot.
 */
export async function recall(db: Db, rawLotCode: string) {
  const lotCode = normalizeLotCode(rawLotCode);
  if (!isValidLotCode(lotCode)) return { status: 'invalid' as const, lotCode };
  const trace = await traceBackward(db, lotCode);
  if (!trace) return { status: 'unknown' as const, lotCode };
  const [lotOrders, seedLotOrders] = await Promise.all([
    traceForward(db, { packLotId: trace.packLot.id }),
    traceForward(db, { seedLotId: trace.seedLot.id }),
  ]);
  return {
    status: 'found' as const,
    lotCode,
    product: trace.product.nameVi,
    farm: `${trace.farm.name} (${trace.farm.commune}, ${trace.farm.province})`,
    zone: `${trace.greenhouse.name} · ${trace.zone.name} · ${trace.greenhouse.thingName}`,
    seedLot: trace.seedLot,
    harvestedAt: trace.harvest.harvestedAt,
    inputs: trace.inputs.map(({ log, clearsOn, daysBeforeHarvest }) => ({
      id: log.id,
      product: log.inputProduct,
      activeIngredient: log.activeIngredient,
      appliedAt: log.occurredAt,
      phiDays: log.phiDays,
      clearsOn,
      daysBeforeHarvest,
    })),
    lotOrders,
    seedLotOrders,
  };
}
