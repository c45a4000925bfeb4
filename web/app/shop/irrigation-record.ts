import { z } from 'zod';

// The measured irrigation of the zone that grew a batch, from its hourly roll-ups and irrigation
// runs. Pure: plain rows in, the record the batch page shows out.

const HOUR_MS = 3_600_000;

/** A ZoneHourly roll-up, as far as the record needs it. */
export type HourlyRollUp = { hour: Date; moistureAvg: number | null; inBandShare: number | null; litres: number };

export type MoistureBand = { low: number; high: number };

/** A span of hours with no moisture data: shown as a gap, never filled in. */
export type DataGap = { from: Date; to: Date; hours: number };

export type IrrigationRecord =
  | { status: 'none'; from: Date; to: Date }
  | {
      status: 'measured';
      from: Date;
      to: Date;
      litres: number;
      /** Null when the zone has no area on record. */
      litresPerM2: number | null;
      runs: number;
      /** Runs watered on the ET estimate while the sensor was down (the bridge's fallback). */
      fallbackRuns: number;
      /** Mean of the hours' in-band shares over the hours that have one; null without a band. */
      inBandShare: number | null;
      hoursInPeriod: number;
      hoursWithData: number;
      band: MoistureBand | null;
      /** Average moisture of each hour of the period in order (null: no data), to 0.1. */
      moisture: (number | null)[];
      moistureRange: { min: number; max: number } | null;
      gaps: DataGap[];
    };

/** The growing period of a planting in its zone: from transplanting (or sowing) to harvest. */
export function growingPeriod(
  planting: { sownOn: Date | null; transplantedOn: Date | null },
  harvestedAt: Date,
): { from: Date; to: Date } | null {
  // `@db.Date` values are UTC midnights of a calendar day in Vietnam (UTC+7): that day's midnight.
  const day = planting.transplantedOn ?? planting.sownOn;
  if (!day) return null;
  const from = new Date(day.getTime() - 7 * HOUR_MS);
  return from.getTime() < harvestedAt.getTime() ? { from, to: harvestedAt } : null;
}

const bandSettings = z.object({ moistureLow: z.number(), moistureHigh: z.number() });

/** The zone's moisture band from its settings (JSON from the database); null when it has none. */
export function moistureBand(settings: unknown): MoistureBand | null {
  const parsed = bandSettings.safeParse(settings);
  return parsed.success ? { low: parsed.data.moistureLow, high: parsed.data.moistureHigh } : null;
}

export type IrrigationInput = {
  from: Date;
  to: Date;
  areaM2: number;
  band: MoistureBand | null;
  /** Roll-ups of the zone with `from <= hour < to`. */
  hours: readonly HourlyRollUp[];
  /** Start times of the zone's irrigation runs with `from <= startedAt < to`. */
  runStarts: readonly Date[];
  /** How many of them the bridge started on its ET estimate while the moisture sensor was down. */
  fallbackRuns?: number;
};

export function irrigationRecord({
  from,
  to,
  areaM2,
  band,
  hours,
  runStarts,
  fallbackRuns = 0,
}: IrrigationInput): IrrigationRecord {
  if (hours.length === 0 && runStarts.length === 0) return { status: 'none', from, to };
  const first = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const hoursInPeriod = Math.max(0, Math.ceil((to.getTime() - first) / HOUR_MS));
  const moisture: (number | null)[] = new Array<number | null>(hoursInPeriod).fill(null);
  let litres = 0;
  let shareSum = 0;
  let shareHours = 0;
  for (const row of hours) {
    const index = Math.floor((row.hour.getTime() - first) / HOUR_MS);
    if (index < 0 || index >= hoursInPeriod) continue;
    litres += row.litres;
    if (row.moistureAvg !== null) moisture[index] = Math.round(row.moistureAvg * 10) / 10;
    // Each hour with data counts once, however many samples it had: a gap weighs nothing.
    if (row.inBandShare !== null) {
      shareSum += row.inBandShare;
      shareHours++;
    }
  }
  const known = moisture.filter((m): m is number => m !== null);
  return {
    status: 'measured',
    from,
    to,
    litres,
    litresPerM2: areaM2 > 0 ? litres / areaM2 : null,
    runs: runStarts.length,
    fallbackRuns,
    inBandShare: shareHours > 0 ? shareSum / shareHours : null,
    hoursInPeriod,
    hoursWithData: known.length,
    band,
    moisture,
    moistureRange: known.length > 0 ? { min: Math.min(...known), max: Math.max(...known) } : null,
    gaps: dataGaps(moisture, first),
  };
}

/** Maximal runs of hours without data, with the instants they start and end. */
export function dataGaps(moisture: readonly (number | null)[], firstHour: number): DataGap[] {
  const gaps: DataGap[] = [];
  let start = -1;
  for (let i = 0; i <= moisture.length; i++) {
    const missing = i < moisture.length && moisture[i] === null;
    if (missing && start < 0) start = i;
    if (!missing && start >= 0) {
      gaps.push({
        from: new Date(firstHour + start * HOUR_MS),
        to: new Date(firstHour + i * HOUR_MS),
        hours: i - start,
      });
      start = -1;
    }
  }
  return gaps;
}
