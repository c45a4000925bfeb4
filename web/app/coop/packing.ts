import { calendarDay } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';

// The packing rules, on plain data: what is left of a harvest, and which harvest each pack comes
// from. A pack lot keeps one harvest (its row has one), so that a recall of a lot reaches exactly
// one planting: packs from several harvests become one lot per harvest, never a mixed lot.

export type PackedLot = { unitCount: number; unitWeightGrams: number | null };

export type HarvestToPack = {
  id: string;
  farmId: string;
  productId: string;
  harvestedAt: Date;
  weightGrams: number;
  packLots: readonly PackedLot[];
};

/**
 * Grams of a harvest not yet in a pack lot. A lot sold by the piece has no weight to subtract:
 * its harvest counts as wholly packed rather than risk packing the same produce twice.
 */
export function gramsLeft(harvest: Pick<HarvestToPack, 'weightGrams' | 'packLots'>): number {
  if (harvest.packLots.some((lot) => lot.unitWeightGrams === null)) return 0;
  const packed = harvest.packLots.reduce((sum, lot) => sum + lot.unitCount * (lot.unitWeightGrams ?? 0), 0);
  return Math.max(0, harvest.weightGrams - packed);
}

/** Harvests of one farm and one product with produce left to pack: what may be packed together. */
export type HarvestGroup = {
  farm: { id: string; name: string };
  product: { id: string; nameVi: string; nameEn: string; gtin: string };
  harvests: { id: string; day: string; zone: string; weightGrams: number; gramsLeft: number }[];
};

export type PackingOrder = { unitCount: number; unitWeightGrams: number; packDate: string };
export type PackPart = { harvestId: string; unitCount: number };

function assertOneFarmAndProduct(harvests: readonly HarvestToPack[]): void {
  const first = harvests[0];
  if (harvests.some((h) => h.farmId !== first?.farmId || h.productId !== first?.productId)) {
    throw refusal('PACK_MIXED_HARVESTS');
  }
}

function assertPackedAfterHarvest(harvests: readonly HarvestToPack[], packDate: string): void {
  const latest = harvests
    .map((h) => calendarDay(h.harvestedAt))
    .sort()
    .at(-1);
  if (latest !== undefined && packDate < latest) throw refusal('PACK_BEFORE_HARVEST', { day: { day: latest } });
}

/**
 * Which harvest each pack comes from, oldest harvest first (first in, first out). Refused when
 * the harvests are of several farms or products, harvested after the pack date, or hold fewer
 * whole packs than asked: a pack is never made of two harvests.
 */
export function planPacking(harvests: readonly HarvestToPack[], order: PackingOrder): PackPart[] {
  assertOneFarmAndProduct(harvests);
  assertPackedAfterHarvest(harvests, order.packDate);
  const oldestFirst = [...harvests].sort((a, b) => a.harvestedAt.getTime() - b.harvestedAt.getTime());
  const fits = oldestFirst.map((h) => Math.floor(gramsLeft(h) / order.unitWeightGrams));
  const total = fits.reduce((sum, n) => sum + n, 0);
  if (order.unitCount > total) {
    const leftGrams = oldestFirst.reduce((sum, h) => sum + gramsLeft(h), 0);
    throw refusal('PACK_OVER_HARVEST', { leftGrams, fits: total });
  }
  const parts: PackPart[] = [];
  let wanted = order.unitCount;
  oldestFirst.forEach((harvest, i) => {
    const unitCount = Math.min(wanted, fits[i] ?? 0);
    if (unitCount > 0) parts.push({ harvestId: harvest.id, unitCount });
    wanted -= unitCount;
  });
  return parts;
}
