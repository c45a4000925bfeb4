import type { Db } from '@seedline/db';
import { type IrrigationRecord, growingPeriod, irrigationRecord, moistureBand } from './irrigation-record.ts';

export type PlantedZone = {
  planting: { sownOn: Date | null; transplantedOn: Date | null };
  zone: { id: string; areaM2: number; desiredSettings: unknown };
  harvestedAt: Date;
};

/**
 * What the zone's bridge measured while a planting grew there (transplanting or sowing to
 * harvest); null when the planting has no such dates on record.
 */
export async function plantingIrrigation(
  db: Db,
  { planting, zone, harvestedAt }: PlantedZone,
): Promise<IrrigationRecord | null> {
  const period = growingPeriod(planting, harvestedAt);
  if (!period) return null;
  const within = { gte: period.from, lt: period.to };
  const [hours, runs] = await Promise.all([
    db.zoneHourly.findMany({
      where: { zoneId: zone.id, hour: within },
      orderBy: { hour: 'asc' },
      select: { hour: true, moistureAvg: true, inBandShare: true, litres: true },
    }),
    db.irrigationRun.findMany({
      where: { zoneId: zone.id, startedAt: within },
      select: { startedAt: true, startRule: true },
    }),
  ]);
  return irrigationRecord({
    ...period,
    areaM2: zone.areaM2,
    band: moistureBand(zone.desiredSettings),
    hours,
    runStarts: runs.map((r) => r.startedAt),
    fallbackRuns: runs.filter((r) => r.startRule === 'fallback-et').length,
  });
}
