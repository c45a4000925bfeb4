import {
  type Db,
  effectiveHarvest,
  effectivePlanting,
  effectiveSeedLot,
  seedLotFacts,
  shownCorrections,
} from '@seedline/db';
import type { HarvestRow, RecordCorrectionRow } from './record-book.ts';

// The record book prints the seed lot, planting and harvests as they count (their newest
// corrections, decision 016) and every correction in a section of its own. This reads them.

const byWhom = { include: { recordedBy: { select: { name: true } } } } as const;

type PlantingRow = {
  id: string;
  seedLotId: string;
  sownOn: Date | null;
  transplantedOn: Date | null;
  quantity: number | null;
  quantityUnit: string | null;
  areaM2: number | null;
};

/** The planting as it counts, its seed lot as it counts, its harvests, and all their corrections. */
export async function correctedRecords<P extends PlantingRow>(db: Db, planting: P) {
  const [plantingCorrections, harvests] = await Promise.all([
    db.plantingCorrection.findMany({
      where: { plantingId: planting.id },
      include: { ...byWhom.include, seedLot: { select: { lotNumber: true } } },
    }),
    db.harvest.findMany({ where: { plantingId: planting.id }, include: { corrections: byWhom } }),
  ]);
  const counted = effectivePlanting(planting, plantingCorrections);
  const lot = await db.seedLot.findUniqueOrThrow({
    where: { id: counted.seedLotId },
    include: { corrections: byWhom },
  });
  const recorded = await db.seedLot.findUniqueOrThrow({
    where: { id: planting.seedLotId },
    select: { lotNumber: true },
  });
  const plantingFacts = (p: {
    lotNumber: string;
    plantedOn: Date | null;
    quantity: number | null;
    areaM2: number | null;
  }) => p;
  const rows: RecordCorrectionRow[] = [
    ...shownCorrections(seedLotFacts(lot), lot.corrections, seedLotFacts).map((c) => ({
      record: 'SEED_LOT' as const,
      ...c,
    })),
    ...shownCorrections(
      plantingFacts({
        lotNumber: recorded.lotNumber,
        plantedOn: planting.transplantedOn ?? planting.sownOn,
        quantity: planting.quantity,
        areaM2: planting.areaM2,
      }),
      plantingCorrections,
      (c) => ({ lotNumber: c.seedLot.lotNumber, plantedOn: c.plantedOn, quantity: c.quantity, areaM2: c.areaM2 }),
    ).map((c) => ({ record: 'PLANTING' as const, quantityUnit: unitOf(planting), ...c })),
    ...harvests.flatMap((h) =>
      shownCorrections(harvestFacts(h), h.corrections, harvestFacts).map((c) => ({ record: 'HARVEST' as const, ...c })),
    ),
  ];
  const harvestRows: HarvestRow[] = harvests.map((h) => {
    const now = effectiveHarvest(h, h.corrections);
    return { logId: h.logId, weightGrams: now.weightGrams, correctedAt: h.corrections.length ? now.harvestedAt : null };
  });
  return {
    planting: counted,
    seedLot: seedLotFacts(effectiveSeedLot(lot, lot.corrections)),
    harvests: harvestRows,
    recordCorrections: rows,
  };
}

function harvestFacts(h: { harvestedAt: Date; weightGrams: number }) {
  return { harvestedAt: h.harvestedAt, weightGrams: h.weightGrams };
}

/** Seeds when sown, plants when transplanted: plantings recorded before units were kept have none. */
function unitOf(p: { quantityUnit: string | null; transplantedOn: Date | null }) {
  return p.quantityUnit ?? (p.transplantedOn ? 'plants' : 'seeds');
}
