// What a season is judged on, per zone, from the model's truth (never from the sensors), counted
// from `open` (1 May, after any spin-up) to `finish`.

import type { GreenhouseState } from '../src/sim/index.ts';
import { bandOf, litresPerPercent, ZONES } from './scenario.ts';

type SoilState = GreenhouseState['zones'][number]['soil'];

/**
 * The tolerant band widens [moistureLow, moistureHigh] by this much each side: the sensor's noise
 * (±2 counts ≈ ±0.2 % VWC) plus the water still soaking in when the valve closes (≈ 0.2 %).
 */
export const BAND_TOLERANCE = 0.5;

export type ZoneStats = {
  id: string;
  totalMs: number;
  /** Time with true θ within [low, high], and within [low − tol, high + tol]. */
  inBandMs: number;
  inBandTolerantMs: number;
  /** From the first time θ is in the band (after the dry-down from field capacity): time, and time in band. */
  settledMs: number;
  settledInBandMs: number;
  /** Time below the stress threshold θt (the model integrates it exactly). */
  stressMs: number;
  appliedLitres: number;
  /** Potential crop ET (the need), actual ET, drainage below the roots: litres over the zone. */
  etcLitres: number;
  actualEtLitres: number;
  drainedLitres: number;
  /** Lowest and highest true θ seen. */
  minTheta: number;
  maxTheta: number;
  /** True θ when counting began and at the end; litres the root zone (and soaking water) gained between. */
  thetaStart: number;
  thetaEnd: number;
  storedLitres: number;
  /** Time below θt during the spin-up, before counting began (reported, not judged). */
  spinUpStressMs: number;
};

export type Tracker = { stats: ZoneStats[]; bands: { low: number; high: number }[]; base: SoilState[] | null };

export function tracker(): Tracker {
  return {
    stats: ZONES.map((z) => ({
      id: z.id,
      totalMs: 0,
      inBandMs: 0,
      inBandTolerantMs: 0,
      settledMs: 0,
      settledInBandMs: 0,
      stressMs: 0,
      appliedLitres: 0,
      etcLitres: 0,
      actualEtLitres: 0,
      drainedLitres: 0,
      minTheta: Infinity,
      maxTheta: -Infinity,
      thetaStart: NaN,
      thetaEnd: NaN,
      storedLitres: 0,
      spinUpStressMs: 0,
    })),
    bands: ZONES.map(bandOf),
    base: null,
  };
}

/** Start counting now: the model's accounts so far (the spin-up's) are taken off at `finish`. */
export function open(t: Tracker, gh: GreenhouseState): void {
  t.base = gh.zones.map((z) => ({ ...z.soil }));
  gh.zones.forEach((z, i) => {
    const s = t.stats[i] as ZoneStats;
    s.thetaStart = z.soil.theta;
    s.spinUpStressMs = z.soil.stressMs;
  });
}

/** Count the last `dtMs` by the θ at its end (steps are ≤ 60 s; θ moves < 0.01 % in one). */
export function sample(t: Tracker, gh: GreenhouseState, dtMs: number): void {
  if (!t.base) return;
  for (let i = 0; i < gh.zones.length; i++) {
    const theta = (gh.zones[i] as GreenhouseState['zones'][number]).soil.theta;
    const s = t.stats[i] as ZoneStats;
    const band = t.bands[i] as { low: number; high: number };
    s.totalMs += dtMs;
    const inBand = theta >= band.low && theta <= band.high;
    if (inBand) s.inBandMs += dtMs;
    if (inBand || s.settledMs > 0) {
      s.settledMs += dtMs;
      if (inBand) s.settledInBandMs += dtMs;
    }
    if (theta >= band.low - BAND_TOLERANCE && theta <= band.high + BAND_TOLERANCE) s.inBandTolerantMs += dtMs;
    if (theta < s.minTheta) s.minTheta = theta;
    if (theta > s.maxTheta) s.maxTheta = theta;
  }
}

/** Copy the model's totals since `open` into the stats at the end. */
export function finish(t: Tracker, gh: GreenhouseState): ZoneStats[] {
  if (!t.base) throw new Error('metrics: the season ended before counting began');
  gh.zones.forEach((z, i) => {
    const s = t.stats[i] as ZoneStats;
    const b = t.base?.[i] as SoilState;
    const area = z.spec.areaM2;
    s.stressMs = z.soil.stressMs - b.stressMs;
    s.appliedLitres = (z.soil.appliedMm - b.appliedMm) * area;
    s.etcLitres = (z.soil.potentialEtcMm - b.potentialEtcMm) * area;
    s.actualEtLitres = (z.soil.actualEtMm - b.actualEtMm) * area;
    s.drainedLitres = (z.soil.drainedMm - b.drainedMm) * area;
    s.thetaEnd = z.soil.theta;
    s.storedLitres = (z.soil.theta - b.theta) * litresPerPercent(z.spec) + (z.soil.soakingMm - b.soakingMm) * area;
  });
  return t.stats;
}

export function sum(stats: ZoneStats[], key: keyof Omit<ZoneStats, 'id'>): number {
  return stats.reduce((acc, s) => acc + s[key], 0);
}
