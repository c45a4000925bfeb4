import type { DoseUnit, FarmLogKind, InputType, ObservationKind } from '../../generated/client.ts';
import { type Db, type Tx, inTransaction } from '../transaction.ts';
import { effectiveHarvest } from './corrections.ts';
import { calendarDay, dateOnly } from './dates.ts';
import { effectiveLogs } from './log-history.ts';
import { listingTextsOf } from './listing-texts.ts';
import { makeLotCode } from './lot-code.ts';
import { type AppliedInput, type PhiBlock, phiBlocks, phiNotPassed } from './phi.ts';
import { traceabilityRefusal } from './refusals.ts';

async function appliedInputs(db: Db, plantingId: string): Promise<AppliedInput[]> {
  const logs = await db.farmLog.findMany({
    where: { plantingId },
    select: {
      id: true,
      correctsId: true,
      kind: true,
      inputProduct: true,
      activeIngredient: true,
      occurredAt: true,
      phiDays: true,
    },
  });
  return effectiveLogs(logs).flatMap((log) =>
    log.kind === 'INPUT_APPLICATION' && log.phiDays !== null
      ? [
          {
            inputProduct: log.inputProduct ?? 'input',
            activeIngredient: log.activeIngredient,
            appliedAt: log.occurredAt,
            phiDays: log.phiDays,
          },
        ]
      : [],
  );
}

/** The pre-harvest intervals still running at `at` for a planting's produce, the last to clear first. */
export async function runningIntervals(db: Db, plantingId: string, at: Date): Promise<PhiBlock[]> {
  return phiBlocks(await appliedInputs(db, plantingId), at);
}

/** Refuses produce of a planting harvested at `at` while any input's pre-harvest interval runs. */
export async function assertPhiPassed(tx: Tx, plantingId: string, at: Date): Promise<void> {
  const blocks = await runningIntervals(tx, plantingId, at);
  if (blocks.length > 0) throw phiNotPassed(blocks);
}

export type FarmLogInput = {
  plantingId: string;
  kind: Exclude<FarmLogKind, 'HARVEST'>;
  occurredAt: Date;
  recordedById: string;
  note?: string | null;
  inputType?: InputType | null;
  inputProduct?: string | null;
  activeIngredient?: string | null;
  dose?: string | null;
  phiDays?: number | null;
  /** Observations: what was seen (the note says it in words), and a photo of it. */
  observation?: ObservationKind | null;
  photoId?: string | null;
  /** From the co-op's register: the product, the dose in its unit, the area treated, who applied it. */
  registerProductId?: string | null;
  doseAmount?: number | null;
  doseUnit?: DoseUnit | null;
  areaM2?: number | null;
  appliedBy?: string | null;
  /** The id the phone made for the record: the same id again stores nothing and answers the first. */
  clientId?: string | null;
};

/** A unique index refused the row (Prisma's P2002): here, a record whose clientId is stored already. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/**
 * The record already stored under `clientId`, if any. The same id from another user or for
 * another planting is not a resend but a clash, refused rather than answered with someone's record.
 */
async function storedByClientId(db: Db, input: { clientId?: string | null; plantingId: string; recordedById: string }) {
  if (!input.clientId) return null;
  const log = await db.farmLog.findUnique({ where: { clientId: input.clientId } });
  if (log && (log.plantingId !== input.plantingId || log.recordedById !== input.recordedById)) {
    throw traceabilityRefusal('RECORD_ID_TAKEN');
  }
  return log;
}

/**
 * Writes a record once per clientId: a resend finds it stored; two sends at the same moment meet
 * at the unique index, and the one that lost reads the other's row.
 */
async function onceByClientId<T>(
  input: { clientId?: string | null; plantingId: string; recordedById: string },
  stored: () => Promise<T | null>,
  write: () => Promise<T>,
): Promise<T> {
  const before = input.clientId ? await stored() : null;
  if (before) return before;
  try {
    return await write();
  } catch (error) {
    if (!input.clientId || !isUniqueViolation(error)) throw error;
    const after = await stored();
    if (!after) throw error;
    return after;
  }
}

/** Records a farm log; a resend of the same clientId answers the stored record and writes nothing. */
export function recordFarmLog(db: Db, input: FarmLogInput) {
  return onceByClientId(
    input,
    () => storedByClientId(db, input),
    () => db.farmLog.create({ data: input }),
  );
}

export type CorrectionInput = Omit<FarmLogInput, 'plantingId'> & {
  /** Why the entry was wrong: kept beside the correction, shown with it. */
  reason: string;
};

/**
 * Records a correction of a log: a new entry that points at the one it corrects, which stays as
 * it was (the database refuses to change it). Only the newest entry of a chain may be corrected.
 */
export async function correctFarmLog(db: Db, logId: string, correction: CorrectionInput) {
  const original = await db.farmLog.findUnique({ where: { id: logId }, select: { plantingId: true } });
  if (!original) throw traceabilityRefusal('RECORD_NOT_FOUND');
  const input = { ...correction, plantingId: original.plantingId };
  return onceByClientId(
    input,
    () => storedByClientId(db, input),
    () =>
      inTransaction(db, async (tx) => {
        // Two corrections of one entry at the same moment would both see it uncorrected: hold it.
        await tx.$queryRaw`SELECT "id" FROM "FarmLog" WHERE "id" = ${logId} FOR UPDATE`;
        const corrected = await tx.farmLog.findFirst({ where: { correctsId: logId }, select: { id: true } });
        if (corrected) throw traceabilityRefusal('RECORD_ALREADY_CORRECTED');
        return tx.farmLog.create({ data: { ...input, correctsId: logId } });
      }),
  );
}

export type HarvestInput = {
  plantingId: string;
  harvestedAt: Date;
  weightGrams: number;
  recordedById: string;
  note?: string | null;
  /** The id the phone made for the record (kept on its log entry): sent twice, stored once. */
  clientId?: string | null;
};

/** Records a harvest (a log entry and its weight), refused while a pre-harvest interval runs. */
export function recordHarvest(db: Db, input: HarvestInput) {
  const stored = async () => {
    const log = await storedByClientId(db, input);
    return log ? db.harvest.findUnique({ where: { logId: log.id } }) : null;
  };
  return onceByClientId(input, stored, () =>
    inTransaction(db, async (tx) => {
      await assertPhiPassed(tx, input.plantingId, input.harvestedAt);
      const log = await tx.farmLog.create({
        data: {
          plantingId: input.plantingId,
          kind: 'HARVEST',
          occurredAt: input.harvestedAt,
          recordedById: input.recordedById,
          note: input.note ?? null,
          clientId: input.clientId ?? null,
        },
      });
      await tx.planting.update({ where: { id: input.plantingId }, data: { status: 'HARVESTING' } });
      return tx.harvest.create({
        data: {
          plantingId: input.plantingId,
          logId: log.id,
          harvestedAt: input.harvestedAt,
          weightGrams: input.weightGrams,
          recordedById: input.recordedById,
        },
      });
    }),
  );
}

export type PackLotInput = {
  harvestId: string;
  unitCount: number;
  unitWeightGrams: number | null;
  packedAt: Date;
  bestBeforeDays: number;
};

/** Packs (part of) a harvest into a lot with the next lot code of its farm for that day. */
export function createPackLot(db: Db, input: PackLotInput) {
  return inTransaction(db, async (tx) => {
    const harvest = await tx.harvest.findUnique({
      where: { id: input.harvestId },
      select: {
        planting: { select: { productId: true, zone: { select: { greenhouse: { select: { farm: true } } } } } },
      },
    });
    if (!harvest) throw traceabilityRefusal('RECORD_NOT_FOUND');
    const farm = harvest.planting.zone.greenhouse.farm;
    const day = calendarDay(input.packedAt);
    const packedOn = dateOnly(day);
    // Lots packed at the same time for one farm would both count the same lots and take the same
    // number (a unique-constraint failure): hold the farm's row until this lot is written.
    await tx.$queryRaw`SELECT "id" FROM "Farm" WHERE "id" = ${farm.id} FOR UPDATE`;
    const sameDay = await tx.packLot.count({
      where: { packedOn, harvest: { planting: { zone: { greenhouse: { farmId: farm.id } } } } },
    });
    return tx.packLot.create({
      data: {
        lotCode: makeLotCode({ farmCode: farm.code, packedOn, sequence: sameDay + 1 }),
        harvestId: input.harvestId,
        productId: harvest.planting.productId,
        unitCount: input.unitCount,
        unitWeightGrams: input.unitWeightGrams,
        packedOn,
        bestBefore: new Date(packedOn.getTime() + input.bestBeforeDays * 86_400_000),
      },
    });
  });
}

export type ListingInput = { packLotId: string; priceVnd: number; stock: number; published: boolean };

/**
 * Creates or updates the listing of a pack lot. Publishing is refused while the produce is inside
 * a pre-harvest interval (a correction may have lengthened one after the harvest was recorded).
 */
export function saveListing(db: Db, input: ListingInput, now = new Date()) {
  return inTransaction(db, async (tx) => {
    const packLot = await tx.packLot.findUnique({
      where: { id: input.packLotId },
      select: {
        unitCount: true,
        // A new listing starts with its product's names, unit and shelf; staff change them after.
        product: {
          select: { nameVi: true, nameEn: true, descriptionVi: true, descriptionEn: true, unit: true, category: true },
        },
        harvest: {
          select: {
            plantingId: true,
            harvestedAt: true,
            weightGrams: true,
            corrections: { select: { version: true, harvestedAt: true, weightGrams: true } },
          },
        },
      },
    });
    if (!packLot) throw traceabilityRefusal('RECORD_NOT_FOUND');
    // A corrected harvest is checked at its corrected time.
    const harvest = effectiveHarvest(packLot.harvest, packLot.harvest.corrections);
    if (input.stock > packLot.unitCount) {
      throw traceabilityRefusal('STOCK_OVER_PACKED', { stock: input.stock, packed: packLot.unitCount });
    }
    if (input.published) await assertPhiPassed(tx, harvest.plantingId, harvest.harvestedAt);
    const existing = await tx.listing.findUnique({
      where: { packLotId: input.packLotId },
      select: { publishedAt: true },
    });
    const data = {
      priceVnd: input.priceVnd,
      stock: input.stock,
      published: input.published,
      // A price or stock change keeps the day the batch was first put on sale.
      publishedAt: input.published ? (existing?.publishedAt ?? now) : null,
    };
    return tx.listing.upsert({
      where: { packLotId: input.packLotId },
      create: { packLotId: input.packLotId, ...listingTextsOf(packLot.product), ...data },
      update: data,
    });
  });
}
