// Root-zone soil water balance of one zone (FAO-56 chapter 8), as one well-mixed layer.
//
//   θ (% VWC) × root depth Zr (m) × 10 × wetted fraction Pw = water held in the root zone, mm over
//   the zone's floor (1 mm = 1 L/m²). Drip wets only a strip along each line; the roots and the
//   probe live in that wetted volume, so it alone is the store (Keller & Bliesner 1990, "Sprinkle
//   and Trickle Irrigation", percentage wetted area Pw). Pw = 1 is a uniformly wetted floor.
//   Irrigation lands in a "soaking" store that reaches the root zone (and the sensor in it) with a
//   10-minute time constant: the wetting front's travel, which makes a band controller overshoot
//   a little after the valve closes, as in a real bed.
//   Water above field capacity drains with a 3-hour time constant: it is lost, not stored (FAO-56
//   eq. 85 takes deep percolation to leave within the day).
//   Actual ET = Ks × ETc, with Ks = 1 above the stress threshold θt = FC − p (FC − WP) and falling
//   linearly to 0 at the wilting point below it (FAO-56 eq. 84).
//
// Each process is integrated exactly over the step (soaking and drainage are exponential decays;
// ET is at most ~1 mm/h against tens of mm held) and applied one after the other; that splitting
// is the only difference between step sizes: 10 ms and 60 s steps agree to < 0.001 % VWC.

export const SOAK_TAU_HOURS = 10 / 60;
export const DRAIN_TAU_HOURS = 3;

export type SoilParams = {
  /** Field capacity and wilting point, % VWC. */
  fieldCapacity: number;
  wiltingPoint: number;
  /** Effective root depth, m. */
  rootDepthM: number;
  /** FAO-56 depletion fraction p. */
  p: number;
  /** Share of the floor the emitters wet (Pw), 0..1. */
  wettedFraction: number;
};

/** One zone's water, and what crossed its boundaries since the start (mm over the zone's area). */
export type SoilState = {
  theta: number;
  soakingMm: number;
  appliedMm: number;
  potentialEtcMm: number;
  actualEtMm: number;
  drainedMm: number;
  /** Time spent below the stress threshold, ms. */
  stressMs: number;
};

export function newSoil(theta: number): SoilState {
  return { theta, soakingMm: 0, appliedMm: 0, potentialEtcMm: 0, actualEtMm: 0, drainedMm: 0, stressMs: 0 };
}

/** θt = FC − p (FC − WP): below it the crop is water-stressed (FAO-56 eqs. 82–83 in % VWC). */
export function stressThreshold(s: Pick<SoilParams, 'fieldCapacity' | 'wiltingPoint' | 'p'>): number {
  return s.fieldCapacity - s.p * (s.fieldCapacity - s.wiltingPoint);
}

/** FAO-56 eq. 84: Ks = (TAW − Dr) / ((1 − p) TAW), as θ: 1 at and above θt, 0 at the wilting point. */
export function waterStressCoefficient(
  theta: number,
  s: Pick<SoilParams, 'fieldCapacity' | 'wiltingPoint' | 'p'>,
): number {
  const threshold = stressThreshold(s);
  if (theta >= threshold) return 1;
  return Math.max(0, (theta - s.wiltingPoint) / (threshold - s.wiltingPoint));
}

/** mm of water (over the zone's floor) per % VWC in the wetted root zone. */
export function mmPerPercent(s: SoilParams): number {
  return s.rootDepthM * 10 * s.wettedFraction;
}

/**
 * Advance the zone's water by `dtMs`, with `inflowMm` of irrigation spread evenly over the step and
 * a potential crop ET rate `etcMmPerHour` (Kc × ET0 inside the house).
 */
export function soilStep(z: SoilState, s: SoilParams, dtMs: number, inflowMm: number, etcMmPerHour: number): void {
  const hours = dtMs / 3_600_000;
  const perPercent = mmPerPercent(s);

  // Soaking store with a constant inflow rate q: S' = q − S/τ, solved exactly over the step.
  const decay = Math.exp(-hours / SOAK_TAU_HOURS);
  const q = hours > 0 ? inflowMm / hours : 0;
  const soaking = z.soakingMm * decay + q * SOAK_TAU_HOURS * (1 - decay);
  const infiltrated = z.soakingMm + inflowMm - soaking;
  z.soakingMm = soaking;
  z.appliedMm += inflowMm;
  z.theta += infiltrated / perPercent;

  // Crop water use, reduced under stress. Ks at the step's start: its change over 60 s is nil.
  const potential = etcMmPerHour * hours;
  const actual = Math.min(
    potential * waterStressCoefficient(z.theta, s),
    Math.max(0, (z.theta - s.wiltingPoint) * perPercent),
  );
  z.potentialEtcMm += potential;
  z.actualEtMm += actual;
  z.theta -= actual / perPercent;

  // Drainage of whatever sits above field capacity.
  const excess = z.theta - s.fieldCapacity;
  if (excess > 0) {
    const drained = excess * (1 - Math.exp(-hours / DRAIN_TAU_HOURS));
    z.theta -= drained;
    z.drainedMm += drained * perPercent;
  }

  if (z.theta < stressThreshold(s)) z.stressMs += dtMs;
}
