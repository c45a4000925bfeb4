import { type Db, inTransaction } from '../transaction.ts';
import type { SeedLotFacts } from './corrections.ts';
import { assertPhiPassed } from './records.ts';
import { traceabilityRefusal } from './refusals.ts';

// Writing corrections of seed lots, plantings and harvests (decision 016): a new row in the
// record's correction table, never a change to the record. Whose record it is and what the farm
// allows (a lot of the same farm, an area within the zone) is the caller's check; here, the rules
// every correction shares: a reason, the version it corrects, one row per phone-made id.

export type CorrectionWritten = {
  /** The version this correction corrects: 0 for the record as written, else its newest correction's. */
  corrects: number;
  /** Why the record was wrong: required, kept beside the correction. */
  reason: string;
  recordedById: string;
  /** The id the phone made: the same id again answers the stored correction and writes nothing. */
  clientId?: string | null;
};

/** A stored correction, who wrote it and of which record. */
type Stored<R> = { row: R; recordedById: string; subjectId: string };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/**
 * Appends a correction of `subjectId` as version `corrects + 1`. A resend (same clientId, same
 * user and record) answers the stored row; a correction of a version that is no longer the newest
 * is refused (RECORD_ALREADY_CORRECTED): two corrections of one version meet at the unique index.
 */
async function appendCorrection<R>(
  meta: CorrectionWritten,
  subjectId: string,
  table: {
    byClientId: (clientId: string) => Promise<Stored<R> | null>;
    newestVersion: () => Promise<number>;
    create: (version: number) => Promise<R>;
  },
): Promise<R> {
  const resent = async () => {
    const stored = meta.clientId ? await table.byClientId(meta.clientId) : null;
    if (stored && (stored.recordedById !== meta.recordedById || stored.subjectId !== subjectId)) {
      throw traceabilityRefusal('RECORD_ID_TAKEN');
    }
    return stored?.row ?? null;
  };
  const before = await resent();
  if (before) return before;
  if ((await table.newestVersion()) !== meta.corrects) throw traceabilityRefusal('RECORD_ALREADY_CORRECTED');
  try {
    return await table.create(meta.corrects + 1);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const after = await resent();
    if (after) return after;
    throw traceabilityRefusal('RECORD_ALREADY_CORRECTED');
  }
}

/** The correction's row: its values, why and who, without the version it names. */
function rowOf<T extends CorrectionWritten>({ corrects: _corrects, ...row }: T) {
  return row;
}

const newest = (rows: { version: number }[]) => rows[0]?.version ?? 0;
const byVersion = { orderBy: { version: 'desc' as const }, take: 1, select: { version: true } };

export type SeedLotCorrectionInput = CorrectionWritten & SeedLotFacts;

/** Records a correction of a seed lot: the lot as it should have been recorded. */
export function correctSeedLot(db: Db, seedLotId: string, input: SeedLotCorrectionInput) {
  const data = rowOf(input);
  return appendCorrection(input, seedLotId, {
    byClientId: async (clientId) => {
      const row = await db.seedLotCorrection.findUnique({ where: { clientId } });
      return row && { row, recordedById: row.recordedById, subjectId: row.seedLotId };
    },
    newestVersion: async () => newest(await db.seedLotCorrection.findMany({ where: { seedLotId }, ...byVersion })),
    create: (version) => db.seedLotCorrection.create({ data: { ...data, seedLotId, version } }),
  });
}

export type PlantingCorrectionInput = CorrectionWritten & {
  seedLotId: string;
  plantedOn: Date;
  quantity: number;
  areaM2: number;
};

/** Records a correction of a planting: its seed lot, day, quantity and area as they should have been. */
export function correctPlanting(db: Db, plantingId: string, input: PlantingCorrectionInput) {
  const data = rowOf(input);
  return appendCorrection(input, plantingId, {
    byClientId: async (clientId) => {
      const row = await db.plantingCorrection.findUnique({ where: { clientId } });
      return row && { row, recordedById: row.recordedById, subjectId: row.plantingId };
    },
    newestVersion: async () => newest(await db.plantingCorrection.findMany({ where: { plantingId }, ...byVersion })),
    create: (version) => db.plantingCorrection.create({ data: { ...data, plantingId, version } }),
  });
}

export type HarvestCorrectionInput = CorrectionWritten & { harvestedAt: Date; weightGrams: number };

/**
 * Records a correction of a harvest's day, time or weight. The corrected time must be outside every
 * pre-harvest interval of the planting, as a new harvest must (PHI_NOT_PASSED names the product and
 * the first allowed day): a correction cannot put produce on sale that a harvest could not.
 */
export async function correctHarvest(db: Db, harvestId: string, input: HarvestCorrectionInput) {
  const harvest = await db.harvest.findUnique({ where: { id: harvestId }, select: { plantingId: true } });
  if (!harvest) throw traceabilityRefusal('RECORD_NOT_FOUND');
  const data = rowOf(input);
  return appendCorrection(input, harvestId, {
    byClientId: async (clientId) => {
      const row = await db.harvestCorrection.findUnique({ where: { clientId } });
      return row && { row, recordedById: row.recordedById, subjectId: row.harvestId };
    },
    newestVersion: async () => newest(await db.harvestCorrection.findMany({ where: { harvestId }, ...byVersion })),
    create: (version) =>
      inTransaction(db, async (tx) => {
        await assertPhiPassed(tx, harvest.plantingId, input.harvestedAt);
        return tx.harvestCorrection.create({ data: { ...data, harvestId, version } });
      }),
  });
}
