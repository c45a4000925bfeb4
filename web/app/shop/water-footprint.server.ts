import { type Db, effectiveHarvest, effectivePlanting } from '@seedline/db';
import { growingPeriod } from './irrigation-record.ts';
import { type WaterFootprint, fao56Crop, waterFootprint, wholeLocalDays } from './water-footprint.ts';

const versioned = { select: { version: true, harvestedAt: true, weightGrams: true } } as const;

/**
 * The water footprint of a pack lot: its planting's, since every kg a planting gives shares the
 * water that grew it (decision 024). Null when the lot does not exist or its planting has no
 * sowing or transplanting day before its last harvest.
 */
export async function packLotWaterFootprint(db: Db, packLotId: string): Promise<WaterFootprint | null> {
  const lot = await db.packLot.findUnique({
    where: { id: packLotId },
    select: {
      product: { select: { fao56Crop: true } },
      harvest: {
        select: {
          planting: {
            select: {
              sownOn: true,
              transplantedOn: true,
              seedLotId: true,
              quantity: true,
              areaM2: true,
              corrections: {
                select: { version: true, seedLotId: true, plantedOn: true, quantity: true, areaM2: true },
              },
              harvests: { select: { harvestedAt: true, weightGrams: true, corrections: versioned } },
              zone: {
                select: { id: true, areaM2: true, greenhouse: { select: { farm: { select: { latitude: true } } } } },
              },
            },
          },
        },
      },
    },
  });
  if (!lot) return null;
  const recorded = lot.harvest.planting;
  // The planting and its harvests as they count now: a corrected day or weight moves the figure.
  const planting = effectivePlanting(recorded, recorded.corrections);
  const harvests = recorded.harvests.map((h) => effectiveHarvest(h, h.corrections));
  const lastHarvest = new Date(Math.max(...harvests.map((h) => h.harvestedAt.getTime())));
  const period = growingPeriod(planting, lastHarvest);
  if (!period) return null;
  const { zone } = planting;
  // Hargreaves takes a day's extremes, so the last day's temperatures after the harvest count too
  // (its litres do not: the pure function cuts them at the harvest).
  const days = wholeLocalDays(period);
  const hours = await db.zoneHourly.findMany({
    where: { zoneId: zone.id, hour: { gte: days.from, lt: days.to } },
    orderBy: { hour: 'asc' },
    select: { hour: true, litres: true, temperature: true },
  });
  return waterFootprint({
    ...period,
    harvestWeightsGrams: harvests.map((h) => h.weightGrams),
    zoneAreaM2: zone.areaM2,
    crop: fao56Crop(lot.product.fao56Crop),
    latitude: zone.greenhouse.farm.latitude,
    hours,
  });
}
