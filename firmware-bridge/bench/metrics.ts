// What a season is judged on, per zone, from the model's truth (never from the sensors).

import type { GreenhouseState } from '../src/sim/index.ts';
import { bandOf, ZONES } from './scenario.ts';

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
};

export type Tracker = { stats: ZoneStats[]; bands: { low: number; high: number }[] };

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
    })),
    bands: ZONES.map(bandOf),
  };
}

/** Count the last `dtMs` by the θ at its end (steps are ≤ 60 s; θ moves < 0.01 % in one). */
export function sample(t: Tracker, gh: GreenhouseState, dtMs: number): void {
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

/** Copy the model's season totals into the stats at the end. */
export function finish(t: Tracker, gh: GreenhouseState): ZoneStats[] {
  gh.zones.forEach((z, i) => {
    const s = t.stats[i] as ZoneStats;
    s.stressMs = z.soil.stressMs;
    s.appliedLitres = z.soil.appliedMm * z.spec.areaM2;
    s.etcLitres = z.soil.potentialEtcMm * z.spec.areaM2;
    s.actualEtLitres = z.soil.actualEtMm * z.spec.areaM2;
    s.drainedLitres = z.soil.drainedMm * z.spec.areaM2;
  });
  return t.stats;
}

export function sum(stats: ZoneStats[], key: keyof Omit<ZoneStats, 'id'>): number {
  return stats.reduce((acc, s) => acc + s[key], 0);
}
