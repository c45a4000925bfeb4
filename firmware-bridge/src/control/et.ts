// Reference and crop evapotranspiration from air temperature alone (FAO-56, Allen et al. 1998).
//
// Why Hargreaves: the gateway has a thermometer and a hygrometer, no pyranometer or anemometer, so
// FAO-56 Penman-Monteith cannot be fed honestly. FAO-56 eq. 52 (Hargreaves) needs only the day's
// Tmin/Tmax and the extraterrestrial radiation Ra, which follows from latitude and date.
//
// Why no humidity term: eq. 52 has none, and FAO-56 notes it over-predicts at high humidity. The
// core uses ET only as an upper bound on a cycle (so a drifting sensor cannot drown a crop); a
// home-made humidity correction would lower that bound with no published coefficient to stand
// on, and under-watering a healthy zone is the worse failure. Humidity stays for the display.
//
// In a net-house ET is usually below the open-field reference; that errs towards a looser bound,
// which the daily budget caps.

import type { DailyTemperatures } from './types.ts';

/** Solar constant, MJ m⁻² min⁻¹ (FAO-56). */
const GSC = 0.082;
/** MJ m⁻² → mm of water evaporated (1 / latent heat 2.45 MJ kg⁻¹), FAO-56 eq. 20. */
const MJ_TO_MM = 0.408;
/** Plausible air temperatures, °C; anything else is a sensor fault code (e.g. -127, 85). */
const T_PLAUSIBLE_MIN = -40;
const T_PLAUSIBLE_MAX = 60;

/**
 * Extraterrestrial radiation Ra, MJ m⁻² day⁻¹, for a latitude (decimal degrees, north positive)
 * and day of the year J (1..366). FAO-56 eqs. 21–25:
 *   dr = 1 + 0.033 cos(2πJ/365)                      inverse relative Earth–Sun distance (23)
 *   δ  = 0.409 sin(2πJ/365 − 1.39)                    solar declination, rad (24)
 *   ωs = arccos(−tan φ tan δ)                         sunset hour angle, rad (25)
 *   Ra = (24·60/π) Gsc dr [ωs sin φ sin δ + cos φ cos δ sin ωs]   (21)
 * The arccos argument is clamped to [−1, 1] for polar day and night.
 */
export function extraterrestrialRadiation(latitudeDeg: number, dayOfYear: number): number {
  const phi = (latitudeDeg * Math.PI) / 180;
  const angle = (2 * Math.PI * dayOfYear) / 365;
  const dr = 1 + 0.033 * Math.cos(angle);
  const delta = 0.409 * Math.sin(angle - 1.39);
  const ws = Math.acos(Math.min(1, Math.max(-1, -Math.tan(phi) * Math.tan(delta))));
  const ra =
    ((24 * 60) / Math.PI) *
    GSC *
    dr *
    (ws * Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.sin(ws));
  return Math.max(0, ra);
}

/** Ra as equivalent evaporation, mm/day (FAO-56 eq. 20: × 0.408). */
export function radiationAsEvaporation(raMJ: number): number {
  return raMJ * MJ_TO_MM;
}

/**
 * Reference evapotranspiration ET0, mm/day, FAO-56 eq. 52 (Hargreaves):
 *   ET0 = 0.0023 (Tmean + 17.8) (Tmax − Tmin)^0.5 Ra
 * with Tmean = (Tmax + Tmin)/2 in °C and Ra in mm/day (equivalent evaporation). Never negative.
 */
export function hargreavesEt0(tMin: number, tMax: number, raMm: number): number {
  const range = Math.max(0, tMax - tMin);
  const tMean = (tMax + tMin) / 2;
  return Math.max(0, 0.0023 * (tMean + 17.8) * Math.sqrt(range) * raMm);
}

/**
 * Crop water use of a zone over an interval, litres:
 *   ETc = ET0 (mm/day) × Kc × area (m²) × hours / 24, since 1 mm over 1 m² is 1 litre.
 */
export function etcLitres(et0MmPerDay: number, cropCoefficient: number, areaM2: number, hours: number): number {
  return (et0MmPerDay * cropCoefficient * areaM2 * hours) / 24;
}

/**
 * Fold one reading into the daily extremes. At a new local day, today's extremes become the
 * previous day's (a day with no readings keeps the older ones). Implausible readings are ignored.
 * Returns `t` itself when nothing changed, so most steps allocate nothing.
 */
export function trackTemperature(t: DailyTemperatures, reading: number | null, newDay: boolean): DailyTemperatures {
  const valid =
    reading !== null && Number.isFinite(reading) && reading >= T_PLAUSIBLE_MIN && reading <= T_PLAUSIBLE_MAX;
  let next = t;
  if (newDay) {
    const complete = t.tMin !== null && t.tMax !== null;
    next = {
      tMin: null,
      tMax: null,
      prevTMin: complete ? t.tMin : t.prevTMin,
      prevTMax: complete ? t.tMax : t.prevTMax,
    };
  }
  if (!valid) return next;
  const tMin = next.tMin === null ? reading : Math.min(next.tMin, reading);
  const tMax = next.tMax === null ? reading : Math.max(next.tMax, reading);
  if (tMin === next.tMin && tMax === next.tMax) return next;
  return { ...next, tMin, tMax };
}

/**
 * ET0 for now, mm/day. Hargreaves is a daily formula: the last complete day's extremes are the
 * honest input (today's range is still growing until the afternoon); on the first day after
 * start-up, today's extremes so far. 0 while no temperature is known, so the ET bound falls back
 * to its per-cycle allowance: conservative, never more water on no data.
 */
export function currentEt0(t: DailyTemperatures, raMm: number): number {
  if (t.prevTMin !== null && t.prevTMax !== null) return hargreavesEt0(t.prevTMin, t.prevTMax, raMm);
  if (t.tMin !== null && t.tMax !== null) return hargreavesEt0(t.tMin, t.tMax, raMm);
  return 0;
}

/**
 * How fast the crop uses water at this local hour relative to the day's mean (1 = the mean): the
 * sun's height, cos θz = sin φ sin δ + cos φ cos δ cos ω (FAO-56 eqs. 24, 25 and the hour angle ω
 * of eq. 31), 0 at night, over its mean for the day (the bracket of eq. 21 × 24/π hours). Local
 * clock noon is taken for solar noon: the core knows the UTC offset, not the longitude, and in
 * Vietnam the two are within half an hour. Returns 1 on a day with no sun (polar night).
 * Fallback watering spreads the daily ETc with it, so that its bucket fills in the afternoon,
 * when the crop draws, and not at night.
 */
export function sunWeight(latitudeDeg: number, dayOfYear: number, localHour: number): number {
  const phi = (latitudeDeg * Math.PI) / 180;
  const delta = 0.409 * Math.sin((2 * Math.PI * dayOfYear) / 365 - 1.39);
  const ws = Math.acos(Math.min(1, Math.max(-1, -Math.tan(phi) * Math.tan(delta))));
  const a = Math.sin(phi) * Math.sin(delta);
  const b = Math.cos(phi) * Math.cos(delta);
  const dailyMean = (ws * a + b * Math.sin(ws)) / Math.PI;
  if (!(dailyMean > 0)) return 1;
  const omega = (Math.PI / 12) * (localHour - 12);
  return Math.max(0, a + b * Math.cos(omega)) / dailyMean;
}
