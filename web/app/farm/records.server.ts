import {
  type Db,
  type FarmLogKind,
  correctFarmLog,
  effectiveHarvest,
  inTransaction,
  recordFarmLog,
  shownCorrections,
  withHistory,
} from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import { kickEmailOutbox } from '../orders/email-outbox.server.ts';
import { doseText, withinMaximum } from './dose.ts';
import type { InputApplicationForm } from './input-form.ts';
import { farmsOf } from './scope.server.ts';
import { withdrawListingsInsideInterval } from './withdraw-listings.server.ts';

// A planting's records as the farmer keeps them from the phone: input applications from the
// co-op's register, observations, and corrections of either. The rules of the record (append-only,
// one record per phone-made id, corrections beside what they correct) are the traceability rules'
// (`recordFarmLog`, `correctFarmLog`); here, whose planting it is and what the register allows.

type FarmUser = Pick<SessionUser, 'id' | 'role' | 'farmId' | 'name'>;

function ofUser(user: Pick<SessionUser, 'role' | 'farmId'>, plantingId: string) {
  return { id: plantingId, zone: { greenhouse: { farm: farmsOf(user) } } };
}

const heading = {
  id: true,
  status: true,
  sownOn: true,
  product: { select: { nameVi: true, nameEn: true } },
  zone: { select: { name: true, areaM2: true, greenhouse: { select: { name: true } } } },
} as const;

/** A planting of the user's farms (an admin's: any), as the record pages head it; 404 otherwise. */
export async function recordPlanting(db: Db, user: Pick<SessionUser, 'role' | 'farmId'>, plantingId: string) {
  const planting = await db.planting.findFirst({ where: ofUser(user, plantingId), select: heading });
  if (!planting) notFound('No such planting');
  return planting;
}

/** Every record of the planting, newest first; corrections know what they correct and vice versa. */
export async function plantingRecords(db: Db, user: Pick<SessionUser, 'role' | 'farmId'>, plantingId: string) {
  const planting = await recordPlanting(db, user, plantingId);
  const logs = await db.farmLog.findMany({
    where: { plantingId },
    orderBy: [{ occurredAt: 'desc' }, { recordedAt: 'desc' }],
    select: {
      id: true,
      kind: true,
      occurredAt: true,
      recordedAt: true,
      note: true,
      inputType: true,
      inputProduct: true,
      activeIngredient: true,
      dose: true,
      phiDays: true,
      areaM2: true,
      appliedBy: true,
      observation: true,
      reason: true,
      correctsId: true,
      registerProductId: true,
      photoId: true,
      recordedBy: { select: { name: true } },
    },
  });
  return { planting, logs: withHistory(logs), harvests: await harvestsOf(db, plantingId) };
}

const byWhom = { include: { recordedBy: { select: { name: true } } } } as const;
const harvestFacts = (h: { harvestedAt: Date; weightGrams: number }) => ({
  harvestedAt: h.harvestedAt,
  weightGrams: h.weightGrams,
});

/** The planting's harvests by their log entry: each as it counts, its corrections beside it. */
async function harvestsOf(db: Db, plantingId: string) {
  const rows = await db.harvest.findMany({ where: { plantingId }, include: { corrections: byWhom } });
  return rows.map(({ corrections, ...harvest }) => ({
    ...effectiveHarvest(harvest, corrections),
    corrections: shownCorrections(harvestFacts(harvest), corrections, harvestFacts),
  }));
}

/**
 * The record a form corrects: of this planting and of the form's kind, and the newest of its
 * chain (RECORD_ALREADY_CORRECTED otherwise, as `correctFarmLog` says). 404 for anything else.
 */
export async function correctable(
  db: Db,
  plantingId: string,
  logId: string,
  kind: Extract<FarmLogKind, 'INPUT_APPLICATION' | 'OBSERVATION'>,
) {
  const log = await db.farmLog.findFirst({
    where: { id: logId, plantingId, kind },
    include: { correctedBy: { select: { id: true } } },
  });
  if (!log) notFound('No such record');
  return log;
}

/** The register's products a new record may use: those not retired, and the one being corrected. */
export function usableProducts(db: Db, keepId: string | null = null) {
  return db.inputProduct.findMany({
    where: { OR: [{ retiredAt: null }, ...(keepId ? [{ id: keepId }] : [])] },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, activeIngredient: true, phiDays: true, maxDose: true, doseUnit: true },
  });
}

/**
 * Records an input applied to the user's planting, or a correction of one. The product comes from
 * the register (a retired one only when correcting a record of it); a dose above its maximum is
 * refused (DOSE_OVER_MAX, naming the limit). Its name, active ingredient and interval are copied
 * onto the record as they stand today: the batch page and the interval check read those.
 */
export async function recordInputApplication(db: Db, user: FarmUser, plantingId: string, form: InputApplicationForm) {
  await recordPlanting(db, user, plantingId);
  const original = form.corrects ? await correctable(db, plantingId, form.corrects, 'INPUT_APPLICATION') : null;
  const product = await db.inputProduct.findUnique({ where: { id: form.productId } });
  if (!product) throw refusal('INPUT_PRODUCT_RETIRED', { product: form.productId });
  if (product.retiredAt && original?.registerProductId !== product.id) {
    throw refusal('INPUT_PRODUCT_RETIRED', { product: product.name });
  }
  if (!withinMaximum(form.dose, product.maxDose)) {
    throw refusal('DOSE_OVER_MAX', { product: product.name, max: doseText(product.maxDose, product.doseUnit) });
  }
  const record = {
    kind: 'INPUT_APPLICATION' as const,
    occurredAt: form.appliedAt,
    recordedById: user.id,
    note: form.note,
    inputType: product.type,
    inputProduct: product.name,
    activeIngredient: product.activeIngredient,
    phiDays: product.phiDays,
    // The record book and the batch page read the dose as text, in the record's language.
    dose: doseText(form.dose, product.doseUnit).vi,
    registerProductId: product.id,
    doseAmount: form.dose,
    doseUnit: product.doseUnit,
    areaM2: form.areaM2,
    appliedBy: form.appliedBy,
    clientId: form.clientId,
  };
  if (!original) return recordFarmLog(db, { ...record, plantingId });
  const correction = { ...record, reason: form.reason ?? '' };
  return inTransaction(db, async (tx) => {
    const log = await correctFarmLog(tx, original.id, correction);
    // A lot on sale that this correction puts inside an interval leaves the shop, and the co-op hears.
    if (await withdrawListingsInsideInterval(tx, plantingId).then((lots) => lots.length > 0)) {
      setImmediate(kickEmailOutbox);
    }
    return log;
  });
}
