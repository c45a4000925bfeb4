// Solar geometry for the model (FAO-56 eqs. 21–25, 34), written here rather than imported from the
// control core: the benchmark judges the controller against this model, so they share no code.
//
// Solar time is taken as local clock time. Thanh Hóa (105.8° E) sits 0.8° east of the UTC+7
// meridian and the equation of time is within ±4 min in April–June, so noon is off by < 10 min.

/** Solar constant, MJ m⁻² min⁻¹. */
const GSC = 0.082;
/** MJ m⁻² → mm of water evaporated (FAO-56 eq. 20). */
export const MJ_TO_MM = 0.408;

/** What a day's sun needs, precomputed once per day. */
export type SunDay = {
  /** sin φ sin δ and cos φ cos δ: the solar elevation is asin(a + b cos ω). */
  a: number;
  b: number;
  /** Sunset hour angle ωs, rad. */
  ws: number;
  /** Extraterrestrial radiation Ra, MJ m⁻² day⁻¹. */
  raMJ: number;
  /** ∫ max(0, sin elevation) over the day, in hours: turns sin elevation into a share of the day. */
  elevationHours: number;
  /** Local solar time of sunrise, hours. */
  sunriseHour: number;
};

export function sunDay(latitudeDeg: number, dayOfYear: number): SunDay {
  const phi = (latitudeDeg * Math.PI) / 180;
  const angle = (2 * Math.PI * dayOfYear) / 365;
  const dr = 1 + 0.033 * Math.cos(angle);
  const delta = 0.409 * Math.sin(angle - 1.39);
  const a = Math.sin(phi) * Math.sin(delta);
  const b = Math.cos(phi) * Math.cos(delta);
  const ws = Math.acos(Math.min(1, Math.max(-1, -a / b)));
  const bracket = ws * a + b * Math.sin(ws);
  return {
    a,
    b,
    ws,
    raMJ: Math.max(0, ((24 * 60) / Math.PI) * GSC * dr * bracket),
    elevationHours: (24 / Math.PI) * bracket,
    sunriseHour: 12 - (12 * ws) / Math.PI,
  };
}

/**
 * Share of the day's radiation falling per hour at this solar hour (1/h; integrates to 1 over the
 * day): proportional to the sine of the sun's elevation, zero at night.
 */
export function sunSharePerHour(sun: SunDay, hour: number): number {
  const sinElevation = sun.a + sun.b * Math.cos((Math.PI * (hour - 12)) / 12);
  return sinElevation > 0 && sun.elevationHours > 0 ? sinElevation / sun.elevationHours : 0;
}

/** Day of the year (1..366) of a UTC-midnight date number (ms); Date is used as a calendar, never as a clock. */
export function dayOfYearOf(dateMs: number): number {
  const d = new Date(dateMs);
  return Math.floor((dateMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}
