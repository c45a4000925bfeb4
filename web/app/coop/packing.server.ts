import {
  type Db,
  Prisma,
  type Tx,
  calendarDay,
  createPackLot,
  effectiveHarvest,
  inTransaction,
  startOfDay,
  traceabilityRefusal,
} from '@seedline/db';
import type { PackingForm } from './packing-form.ts';
import { type HarvestGroup, type HarvestToPack, gramsLeft, planPacking } from './packing.ts';

// Packing at the co-op: the harvests still to pack, and turning some of them into pack lots
// (the rules are in packing.ts; lot codes are the traceability package's, as the seed makes them).

const harvestFields = {
  id: true,
  harvestedAt: true,
  weightGrams: true,
  packLots: { select: { unitCount: true, unitWeightGrams: true } },
  corrections: { select: { version: true, harvestedAt: true, weightGrams: true } },
  planting: {
    select: {
      product: { select: { id: true, nameVi: true, nameEn: true, gtin: true } },
      zone: {
        select: { name: true, greenhouse: { select: { name: true, farm: { select: { id: true, name: true } } } } },
      },
    },
  },
} as const;

/** A harvest as it counts now: a corrected one at its corrected time and weight (decision 016). */
async function harvestRows(db: Db, where: Prisma.HarvestWhereInput) {
  const rows = await db.harvest.findMany({ where, select: harvestFields, orderBy: { harvestedAt: 'asc' } });
  return rows.map((row) => effectiveHarvest(row, row.corrections));
}

type HarvestRow = Awaited<ReturnType<typeof harvestRows>>[number];

function toPack(row: HarvestRow): HarvestToPack {
  return {
    id: row.id,
    farmId: row.planting.zone.greenhouse.farm.id,
    productId: row.planting.product.id,
    harvestedAt: row.harvestedAt,
    weightGrams: row.weightGrams,
    packLots: row.packLots,
  };
}

/**
 * Harvests that may still have produce to pack, found by the database so the page does not read
 * every harvest ever made: none of their lots sold by the piece, and less packed than the largest
 * weight recorded for them (the recorded one or a correction's). `gramsLeft` then says exactly.
 */
async function unpackedHarvestIds(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT h."id" FROM "Harvest" h LEFT JOIN "PackLot" p ON p."harvestId" = h."id"
    GROUP BY h."id"
    HAVING bool_and(p."id" IS NULL OR p."unitWeightGrams" IS NOT NULL)
      AND COALESCE(SUM(p."unitCount" * p."unitWeightGrams"), 0) < GREATEST(h."weightGrams",
        (SELECT MAX(c."weightGrams") FROM "HarvestCorrection" c WHERE c."harvestId" = h."id"))`;
  return rows.map((row) => row.id);
}

/** Harvests with produce not yet packed, grouped by farm and product (the groups packed together). */
export async function harvestsToPack(db: Db) {
  const rows = await harvestRows(db, { id: { in: await unpackedHarvestIds(db) } });
  const groups = new Map<string, HarvestGroup>();
  for (const row of rows) {
    const left = gramsLeft(row);
    if (left <= 0) continue;
    const { farm } = row.planting.zone.greenhouse;
    const key = `${farm.id}/${row.planting.product.id}`;
    const group = groups.get(key) ?? { farm, product: row.planting.product, harvests: [] };
    group.harvests.push(harvestLine(row, left));
    groups.set(key, group);
  }
  return [...groups.values()];
}

function harvestLine(row: HarvestRow, gramsLeftToPack: number): HarvestGroup['harvests'][number] {
  return {
    id: row.id,
    day: calendarDay(row.harvestedAt),
    zone: `${row.planting.zone.greenhouse.name} · ${row.planting.zone.name}`,
    weightGrams: row.weightGrams,
    gramsLeft: gramsLeftToPack,
  };
}

/** The harvests asked for, their rows locked: two packings of one harvest cannot both see it unpacked. */
async function lockedHarvests(tx: Tx, ids: readonly string[]): Promise<HarvestToPack[]> {
  await tx.$queryRaw`SELECT "id" FROM "Harvest" WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`;
  const rows = await harvestRows(tx, { id: { in: [...ids] } });
  // A harvest gone from the list (or an id made up) is not packed by guess.
  if (rows.length !== new Set(ids).size) throw traceabilityRefusal('RECORD_NOT_FOUND');
  return rows.map(toPack);
}

/** Packs the chosen harvests into lots, one per harvest used, all or none. */
export function packHarvests(db: Db, form: PackingForm) {
  return inTransaction(db, async (tx) => {
    const harvests = await lockedHarvests(tx, form.harvestIds);
    const parts = planPacking(harvests, form);
    const lots = [];
    for (const part of parts) {
      lots.push(
        await createPackLot(tx, {
          harvestId: part.harvestId,
          unitCount: part.unitCount,
          unitWeightGrams: form.unitWeightGrams,
          packedAt: startOfDay(form.packDate),
          bestBeforeDays: form.bestBeforeDays,
        }),
      );
    }
    return lots;
  });
}

/** The newest pack lots, for their labels. */
export function recentPackLots(db: Db, take = 12) {
  return db.packLot.findMany({
    orderBy: [{ createdAt: 'desc' }, { lotCode: 'desc' }],
    take,
    select: {
      lotCode: true,
      unitCount: true,
      unitWeightGrams: true,
      packedOn: true,
      product: { select: { nameVi: true, nameEn: true } },
      harvest: {
        select: {
          planting: { select: { zone: { select: { greenhouse: { select: { farm: { select: { name: true } } } } } } } },
        },
      },
    },
  });
}
