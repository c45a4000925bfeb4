import { CROPS, type CropSpec, cropCoefficient } from '@seedline/firmware-bridge/crop';
import { extraterrestrialRadiation, hargreavesEt0, radiationAsEvaporation } from '@seedline/firmware-bridge/et';

// A batch's water footprint (decision 024): litres of measured irrigation per kg harvested, beside
// the FAO-56 estimate of what the same crop needed over the same days. Pure: plain rows in, the two
// figures the pages show out. A figure is a sum of what was measured, never scaled up to cover
// what was not: a partial figure says how much of the period it covers.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Days are Vietnam's (UTC+7), as everywhere in the shop (see growingPeriod). */
const LOCAL_OFFSET_MS = 7 * HOUR_MS;
/**
 * Hargreaves needs a day's minimum and maximum temperature. Hourly means move slowly, so a few
 * hours lost at a gateway restart barely change them; with more missing, the day's range could be
 * wrong by a lot, and that day has no ET0.
 */
export const MIN_TEMPERATURE_HOURS = 20;

/** A ZoneHourly roll-up, as far as the footprint needs it. */
export type FootprintHour = { hour: Date; litres: number; temperature: number | null };

export type FootprintUnknown = 'noHarvestWeight' | 'noRollUps' | 'noCrop' | 'noArea' | 'noLatitude' | 'noTemperature';

export type FootprintFigure =
  | { status: 'complete'; litres: number; litresPerKg: number }
  /** Summed over `share` (0..1) of the period only: a floor, not the whole. */
  | { status: 'partial'; litres: number; litresPerKg: number; share: number }
  | { status: 'unknown'; reason: FootprintUnknown };

export type WaterFootprint = {
  from: Date;
  to: Date;
  /** Whole days of the period. */
  days: number;
  harvests: number;
  harvestedKg: number;
  zoneAreaM2: number;
  /** The zone's metered litres over the period. */
  measured: FootprintFigure;
  /** FAO-56: Σ Kc × ET0 over the period's days × the zone's area. */
  estimate: FootprintFigure;
};

export type FootprintInput = {
  /** The planting in its zone: from transplanting (or sowing) to its last harvest so far. */
  from: Date;
  to: Date;
  /** Every harvest of the planting so far, as it counts now (corrections applied). */
  harvestWeightsGrams: readonly number[];
  zoneAreaM2: number;
  crop: CropSpec | null;
  /** The farm's latitude, decimal degrees north. */
  latitude: number | null;
  /**
   * The zone's roll-ups from the local midnight that starts the period's first day to the one
   * that ends its last: litres count only inside the period, temperatures give whole days.
   */
  hours: readonly FootprintHour[];
};

/** The FAO-56 crop the bridge knows by this name; null for any other (or none). */
export function fao56Crop(name: string | null): CropSpec | null {
  return Object.values(CROPS).find((crop) => crop.name === name) ?? null;
}

export function waterFootprint(input: FootprintInput): WaterFootprint {
  const { from, to, harvestWeightsGrams } = input;
  const harvestedKg = harvestWeightsGrams.reduce((sum, grams) => sum + grams, 0) / 1000;
  const perKg = (figure: FootprintFigure): FootprintFigure =>
    harvestedKg > 0 || figure.status === 'unknown' ? figure : { status: 'unknown', reason: 'noHarvestWeight' };
  return {
    from,
    to,
    days: Math.round((to.getTime() - from.getTime()) / DAY_MS),
    harvests: harvestWeightsGrams.length,
    harvestedKg,
    zoneAreaM2: input.zoneAreaM2,
    measured: perKg(measured(input, harvestedKg)),
    estimate: perKg(estimated(input, harvestedKg)),
  };
}

function figure(litres: number, share: number, harvestedKg: number): FootprintFigure {
  const litresPerKg = harvestedKg > 0 ? litresPerKgShown(litres / harvestedKg) : 0;
  return share >= 1 ? { status: 'complete', litres, litresPerKg } : { status: 'partial', litres, litresPerKg, share };
}

/** The zone's metered litres over the period's hours, and the share of its hours that reported. */
function measured({ from, to, hours }: FootprintInput, harvestedKg: number): FootprintFigure {
  const first = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS;
  const hoursInPeriod = Math.ceil((to.getTime() - first) / HOUR_MS);
  const reported = new Set<number>();
  let litres = 0;
  for (const row of hours) {
    const index = Math.floor((row.hour.getTime() - first) / HOUR_MS);
    if (index < 0 || index >= hoursInPeriod || reported.has(index)) continue;
    // A roll-up exists only for an hour the bridge reported: its litres are measured, even 0.
    reported.add(index);
    litres += row.litres;
  }
  if (reported.size === 0) return { status: 'unknown', reason: 'noRollUps' };
  return figure(litres, reported.size / hoursInPeriod, harvestedKg);
}

/**
 * FAO-56 crop evapotranspiration over the period: for each local day, ETc = Kc × ET0 mm, weighed
 * by the part of the day inside the period; Kc at the middle of that part (days since the period
 * began, FAO-56 eq. 66 through the bridge's `cropCoefficient`); ET0 by Hargreaves (FAO-56 eq. 52)
 * from the day's lowest and highest hourly temperature in the house, as the bridge computes it.
 * 1 mm over 1 m² is 1 litre.
 */
function estimated(input: FootprintInput, harvestedKg: number): FootprintFigure {
  const { from, to, crop, latitude, zoneAreaM2, hours } = input;
  if (!crop) return { status: 'unknown', reason: 'noCrop' };
  if (!(zoneAreaM2 > 0)) return { status: 'unknown', reason: 'noArea' };
  if (latitude === null) return { status: 'unknown', reason: 'noLatitude' };
  const temperatures = dailyTemperatures(hours);
  let mm = 0;
  let knownWeight = 0;
  let allWeight = 0;
  for (const day of localDays(from, to)) {
    allWeight += day.weight;
    const t = temperatures.get(day.index);
    if (!t || t.hours < MIN_TEMPERATURE_HOURS) continue;
    const et0 = hargreavesEt0(t.min, t.max, radiationAsEvaporation(extraterrestrialRadiation(latitude, day.dayOfYear)));
    mm += cropCoefficient(crop, day.cropDay) * et0 * day.weight;
    knownWeight += day.weight;
  }
  if (knownWeight === 0) return { status: 'unknown', reason: 'noTemperature' };
  return figure(mm * zoneAreaM2, knownWeight / allWeight, harvestedKg);
}

type LocalDay = { index: number; dayOfYear: number; weight: number; cropDay: number };

/** The local days the period touches: the share of each inside it, and its crop day at the middle. */
function localDays(from: Date, to: Date): LocalDay[] {
  const days: LocalDay[] = [];
  const start = from.getTime();
  const end = to.getTime();
  for (let index = localDayIndex(start); index * DAY_MS - LOCAL_OFFSET_MS < end; index++) {
    const dayStart = index * DAY_MS - LOCAL_OFFSET_MS;
    const a = Math.max(start, dayStart);
    const b = Math.min(end, dayStart + DAY_MS);
    if (b <= a) continue;
    days.push({
      index,
      dayOfYear: dayOfYear(index),
      weight: (b - a) / DAY_MS,
      cropDay: ((a + b) / 2 - start) / DAY_MS,
    });
  }
  return days;
}

/** The local midnights that start the period's first day and end its last. */
export function wholeLocalDays({ from, to }: { from: Date; to: Date }): { from: Date; to: Date } {
  const last = localDayIndex(to.getTime() - 1);
  return {
    from: new Date(localDayIndex(from.getTime()) * DAY_MS - LOCAL_OFFSET_MS),
    to: new Date((last + 1) * DAY_MS - LOCAL_OFFSET_MS),
  };
}

function localDayIndex(ms: number): number {
  return Math.floor((ms + LOCAL_OFFSET_MS) / DAY_MS);
}

/** Day of the year, 1..366, of a local day counted from the epoch. */
function dayOfYear(index: number): number {
  const date = new Date(index * DAY_MS);
  return Math.round((index * DAY_MS - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS) + 1;
}

/** Each local day's lowest and highest hourly mean temperature, and how many hours had one. */
function dailyTemperatures(hours: readonly FootprintHour[]) {
  const days = new Map<number, { min: number; max: number; hours: number }>();
  for (const { hour, temperature } of hours) {
    if (temperature === null || !Number.isFinite(temperature)) continue;
    const index = localDayIndex(hour.getTime());
    const day = days.get(index);
    if (!day) days.set(index, { min: temperature, max: temperature, hours: 1 });
    else
      days.set(index, {
        min: Math.min(day.min, temperature),
        max: Math.max(day.max, temperature),
        hours: day.hours + 1,
      });
  }
  return days;
}

/** Litres per kg as the pages show them: whole litres from 10 up, tenths below. */
export function litresPerKgShown(litresPerKg: number): number {
  return litresPerKg >= 10 ? Math.round(litresPerKg) : Math.round(litresPerKg * 10) / 10;
}

/** The share of a partial figure in whole percent, rounded down: never 100 % while hours are missing. */
export function sharePercent(share: number): number {
  return Math.floor(share * 100);
}
