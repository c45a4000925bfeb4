// The season the benchmark runs: one net house on the Thanh Hóa plain, 1–30 May 2025, four drip
// zones (two melon, two cherry tomato) on different soils, one 12 L/min pump. Everything fixed,
// including the seed, so every run prints the same numbers.

import type { ZoneProfile, ZoneSettings } from '../src/control/index.ts';
import { CROPS, stressThreshold } from '../src/sim/index.ts';
import type { GreenhouseSpec, ZoneSpec } from '../src/sim/index.ts';

export const SEED = 2025;
export const DAYS = 30;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** 1 May 2025, 00:00 in Vietnam (UTC+7): spring–summer melons are transplanted about now. */
export const START = Date.UTC(2025, 4, 1) - 7 * HOUR;
export const END = START + DAYS * DAY;
export const LATITUDE = 19.8;
/** The bridge's control tick, simulated. */
export const TICK_MS = 5_000;
/**
 * Spin-up: days each strategy runs the greenhouse before 1 May, so that it meets the measured
 * season in a state of its own making, not the watered-up beds of the start. Nothing before 1 May
 * is counted. `npx tsx bench/irrigation.ts 10` runs another length.
 */
export const SPIN_UP_DAYS = 14;

// Soils: mid-range values of FAO-56 Table 19 for the textures of the Mã river plain.
const SANDY_LOAM = { texture: 'sandy loam', fieldCapacity: 23, wiltingPoint: 11 };
const LOAM = { texture: 'loam', fieldCapacity: 26, wiltingPoint: 12 };
const SILT_LOAM = { texture: 'silt loam', fieldCapacity: 30, wiltingPoint: 15 };

// Root depth: FAO-56 Table 22 gives 0.8–1.5 m (melon) and 0.7–1.5 m (tomato) for mature crops
// in deep open-field soil; drip under plastic mulch on raised beds keeps the active roots in the
// wetted top 0.25–0.4 m, shallowest for the melons just transplanted, deeper for older crops.
// Wetted fraction Pw (Keller & Bliesner): one drip line per 1.6 m melon row wets a ~0.7 m strip
// (0.45); tomato beds 1.4 m apart with two lines wet ~0.85 m (0.6).
// Emitter flows: ~1.5 plants/m² of melon with 2 L/h drippers (3 mm/h over the floor), ~2.5
// plants/m² of tomato with 1–1.2 L/h drippers (2.4–2.6 mm/h).
export const ZONES: ZoneSpec[] = [
  {
    id: 'melon-1',
    crop: 'melon',
    cropDayAtStart: 0, // transplanted on 1 May
    areaM2: 120,
    soil: SANDY_LOAM,
    rootDepthM: 0.25,
    wettedFraction: 0.45,
    nominalFlowLpm: 6,
    pulsesPerLitre: 450,
    sensor: { rawDry: 812, rawWet: 336 },
  },
  {
    id: 'melon-2',
    crop: 'melon',
    cropDayAtStart: 12,
    areaM2: 90,
    soil: LOAM,
    rootDepthM: 0.3,
    wettedFraction: 0.45,
    nominalFlowLpm: 4.5,
    pulsesPerLitre: 450,
    sensor: { rawDry: 795, rawWet: 328 },
  },
  {
    id: 'tomato-1',
    crop: 'cherry-tomato',
    cropDayAtStart: 20,
    areaM2: 100,
    soil: LOAM,
    rootDepthM: 0.35,
    wettedFraction: 0.6,
    nominalFlowLpm: 4,
    pulsesPerLitre: 450,
    sensor: { rawDry: 806, rawWet: 341 },
  },
  {
    id: 'tomato-2',
    crop: 'cherry-tomato',
    cropDayAtStart: 45,
    areaM2: 80,
    soil: SILT_LOAM,
    rootDepthM: 0.4,
    wettedFraction: 0.6,
    nominalFlowLpm: 3.5,
    pulsesPerLitre: 450,
    sensor: { rawDry: 789, rawWet: 322 },
  },
];

export const GREENHOUSE: GreenhouseSpec = {
  seed: SEED,
  start: START,
  latitude: LATITUDE,
  utcOffsetMinutes: 420,
  pumpCapacityLpm: 12,
  mainPulsesPerLitre: 100,
  zones: ZONES,
};

/** The greenhouse with `spinUpDays` simulated before 1 May (the weather from 1 May on is the same). */
export function greenhouseSpec(spinUpDays: number): GreenhouseSpec {
  return { ...GREENHOUSE, spinUpDays };
}

/**
 * Whether the zone's crop is in the ground on local day `day` (0 = 1 May). Before that the bed is
 * fallow (no ET in the model) and neither strategy waters it: melon-1 goes in on 1 May into the
 * bed at field capacity, as without a spin-up.
 */
export function plantedOn(z: ZoneSpec, day: number): boolean {
  return z.cropDayAtStart + day >= 0;
}

/** θt of a zone (FAO-56: FC − p (FC − WP)). */
export function thresholdOf(z: ZoneSpec): number {
  return stressThreshold({
    fieldCapacity: z.soil.fieldCapacity,
    wiltingPoint: z.soil.wiltingPoint,
    p: z.p ?? CROPS[z.crop].p,
  });
}

/**
 * The band sits inside the readily available water, between θt and field capacity: low at 30 %
 * of the way from θt to FC (≥ 1.4 % VWC of margin above stress, seven times the sensor noise),
 * high at 75 % (≥ 1.2 % VWC below FC, so the water still soaking in when the valve closes does not
 * reach field capacity and drain away). Rounded to 0.1 %.
 */
export function bandOf(z: ZoneSpec): { low: number; high: number } {
  const t = thresholdOf(z);
  const room = z.soil.fieldCapacity - t;
  const round = (x: number) => Math.round(x * 10) / 10;
  return { low: round(t + 0.3 * room), high: round(t + 0.75 * room) };
}

/** Litres that raise the zone's wetted root zone by 1 % VWC. */
export function litresPerPercent(z: ZoneSpec): number {
  return z.rootDepthM * 10 * (z.wettedFraction ?? 1) * z.areaM2;
}

/**
 * Controller settings, from the zone's physics only (no weather): the band above; a cycle (max
 * run) of the minutes that apply half the band's water, so a cycle started at the low mark plus
 * the water still soaking in when it stops stays under the high mark (pulse irrigation, as drip
 * practice on light soils); half an hour between cycles to soak in (the model's soaking time
 * constant is 10 min); watering 05:00–18:00 (no wet beds overnight; crop ET is nil at night);
 * a daily budget of 10 mm over the zone, about twice the peak need.
 */
export function settingsOf(z: ZoneSpec): ZoneSettings {
  const band = bandOf(z);
  const halfBandLitres = ((band.high - band.low) / 2) * litresPerPercent(z);
  return {
    moistureLow: band.low,
    moistureHigh: band.high,
    maxRunMinutes: Math.floor(halfBandLitres / z.nominalFlowLpm),
    minSoakMinutes: 30,
    dailyBudgetLitres: 10 * z.areaM2,
    windows: [{ from: '05:00', to: '18:00' }],
  };
}

/** The controller's view of a zone; Kc follows the crop's FAO-56 curve (the farmer sets the stage). */
export function profileOf(z: ZoneSpec, kc: number): ZoneProfile {
  return { id: z.id, areaM2: z.areaM2, cropCoefficient: kc, nominalFlowLpm: z.nominalFlowLpm };
}
