// How far the zone's ETc estimate is from the water it really uses, learned from band control
// while the sensor works, so that fallback watering (fallback.ts) gives what this zone uses and
// not what open-field Hargreaves says. Hargreaves has no humidity, wind or shade term (et.ts), a
// net house cuts ET well below the open-field reference, and Kc is the farmer's estimate: in the
// season benchmark the estimate is 1.26 × the crop's real use.
//
// The ground truth: band control starts a new watering when the reading falls below the low mark.
// Between two such starts at the same reading the root zone holds what it held, so the water the
// zone meter counted in between is what the crop used (drainage aside: the band sits below field
// capacity). The ratio of those litres to the ETc estimated over the same time scales the bucket.
// An interval counts only if the zone stayed in auto with a good sensor throughout and the two
// readings agree within `MATCH_PERCENT`; older intervals fade with `MEMORY_MS` (crop stage and
// weather move the ratio).

import type { EtCalibration, Millis, ZoneState } from './types.ts';

/** Sensor noise is ±0.2 % VWC: two starts closer than this began at the same soil water. */
const MATCH_PERCENT = 0.3;
/** About five days: a handful of waterings, short enough to follow the crop's stage. */
const MEMORY_MS = 5 * 86_400_000;
/**
 * The learned ratio is kept within these: beyond them something else is at work (a leak on the
 * zone's line, water draining past the roots) and the plain estimate is the safer guess.
 */
const SCALE_MIN = 0.5;
const SCALE_MAX = 1.5;

export const NO_CALIBRATION: EtCalibration = { markAt: null, markMoisture: 0, etcLitres: 0, litres: 0 };

/**
 * Count this step's estimated ETc and metered litres into the open interval; a fault or the
 * zone leaving auto spoils it (its end would not be a band start at the same soil water).
 */
export function trackCalibration(z: ZoneState, etcLitres: number, litres: number): void {
  if (z.etCalibration.markAt === null) return;
  if (z.sensorAlarm !== null || z.mode.kind !== 'auto') {
    z.etCalibration = { ...z.etCalibration, markAt: null };
    z.markEtcLitres = 0;
    z.markLitres = 0;
    return;
  }
  z.markEtcLitres += etcLitres;
  z.markLitres += litres;
}

/**
 * Band control starts a new watering (not a cycle of one under way) at this reading: close the
 * open interval into the ratio if it began at the same reading, and open the next one.
 */
export function markBandStart(z: ZoneState, moisture: number | null, now: Millis): void {
  if (moisture === null) return;
  const c = z.etCalibration;
  let { etcLitres, litres } = c;
  if (c.markAt !== null && z.markEtcLitres > 0 && Math.abs(moisture - c.markMoisture) <= MATCH_PERCENT) {
    const keep = Math.exp(-(now - c.markAt) / MEMORY_MS);
    etcLitres = etcLitres * keep + z.markEtcLitres;
    litres = litres * keep + z.markLitres;
  }
  z.etCalibration = { markAt: now, markMoisture: moisture, etcLitres, litres };
  z.markEtcLitres = 0;
  z.markLitres = 0;
}

/** The zone's real water use over its ETc estimate, as learned; 1 until an interval has counted. */
export function etcScale(c: EtCalibration): number {
  if (!(c.etcLitres > 0)) return 1;
  return Math.min(SCALE_MAX, Math.max(SCALE_MIN, c.litres / c.etcLitres));
}
