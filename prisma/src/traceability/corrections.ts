/**
 * Corrections of seed lots, plantings and harvests (decision 016) are rows of their own, each the
 * record as it should have been written, numbered from 1. The record's own row never changes: what
 * counts is the newest correction's values, laid over it. Pure functions, plain data.
 */
export type Versioned = { version: number };

/** The newest correction, if any: the one whose values count. */
export function newestCorrection<C extends Versioned>(corrections: readonly C[]): C | null {
  return corrections.reduce<C | null>((newest, c) => (newest && newest.version >= c.version ? newest : c), null);
}

/** The version a correction must name to correct what counts now: 0 is the record as written. */
export function currentVersion(corrections: readonly Versioned[]): number {
  return newestCorrection(corrections)?.version ?? 0;
}

type HarvestFacts = { harvestedAt: Date; weightGrams: number };

/** A harvest as it counts: its newest correction's day, time and weight, if corrected. */
export function effectiveHarvest<H extends HarvestFacts>(
  harvest: H,
  corrections: readonly (Versioned & HarvestFacts)[],
): H {
  const newest = newestCorrection(corrections);
  return newest ? { ...harvest, harvestedAt: newest.harvestedAt, weightGrams: newest.weightGrams } : harvest;
}

/** What a seed lot says and a correction of it may change. */
export type SeedLotFacts = {
  supplier: string;
  variety: string;
  lotNumber: string;
  receivedOn: Date;
  quantity: number;
  quantityUnit: string;
  certificateNumber: string | null;
};

/** The facts of a seed lot a correction may change, picked from the lot or a correction of it. */
export function seedLotFacts(l: SeedLotFacts): SeedLotFacts {
  const { supplier, variety, lotNumber, receivedOn, quantity, quantityUnit, certificateNumber } = l;
  return { supplier, variety, lotNumber, receivedOn, quantity, quantityUnit, certificateNumber };
}

/** A seed lot as it counts: its newest correction's supplier, variety, lot number, day and quantity. */
export function effectiveSeedLot<L extends SeedLotFacts>(
  lot: L,
  corrections: readonly (Versioned & SeedLotFacts)[],
): L {
  const newest = newestCorrection(corrections);
  return newest ? { ...lot, ...seedLotFacts(newest) } : lot;
}

type PlantingFacts = {
  seedLotId: string;
  sownOn: Date | null;
  transplantedOn: Date | null;
  quantity: number | null;
  areaM2: number | null;
};
type PlantingCorrectionFacts = Versioned & { seedLotId: string; plantedOn: Date; quantity: number; areaM2: number };

/**
 * A planting as it counts: its newest correction's seed lot, day, quantity and area. The day is
 * the sowing day of a sown planting and the transplanting day of a transplanted one (the method
 * is not corrected).
 */
export function effectivePlanting<P extends PlantingFacts>(
  planting: P,
  corrections: readonly PlantingCorrectionFacts[],
): P {
  const newest = newestCorrection(corrections);
  if (!newest) return planting;
  const transplanted = planting.transplantedOn !== null;
  return {
    ...planting,
    seedLotId: newest.seedLotId,
    sownOn: transplanted ? planting.sownOn : newest.plantedOn,
    transplantedOn: transplanted ? newest.plantedOn : null,
    quantity: newest.quantity,
    areaM2: newest.areaM2,
  };
}

/**
 * Each correction with what it changed, oldest first: the values before it (the record as written
 * for the first, the previous correction's after) and its own. Pages show the record as it counts
 * and, beside it, this history: nothing once recorded disappears from view.
 */
export function correctionHistory<F, C extends Versioned>(
  original: F,
  corrections: readonly C[],
  facts: (correction: C) => F,
): { correction: C; before: F; after: F }[] {
  const inOrder = [...corrections].sort((a, b) => a.version - b.version);
  return inOrder.map((correction, i) => {
    const previous = inOrder[i - 1];
    return { correction, before: previous ? facts(previous) : original, after: facts(correction) };
  });
}

/** What pages need of a correction's row: its version, why, when and who. */
export type CorrectionMeta = Versioned & { reason: string; recordedAt: Date; recordedBy: { name: string } };

/** A record's corrections as pages show them: when, who, why, and the values before and after each. */
export function shownCorrections<F, C extends CorrectionMeta>(
  original: F,
  corrections: readonly C[],
  facts: (c: C) => F,
) {
  return correctionHistory(original, corrections, facts).map(({ correction, before, after }) => ({
    version: correction.version,
    reason: correction.reason,
    recordedAt: correction.recordedAt,
    recordedBy: correction.recordedBy.name,
    before,
    after,
  }));
}
