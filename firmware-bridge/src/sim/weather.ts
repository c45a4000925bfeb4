// A deterministic, seeded weather series for a net house on the Thanh Hóa coastal plain
// (19.8° N, 105.8° E, UTC+7). Days are generated lazily and in order from the weather's own
// random stream, so day 20 is the same whether or not days 0..19 were asked for first.
// A series may have a lead-in (a simulation's spin-up before its start): days −1, −2, … drawn
// backwards from a stream of their own, so they never change the days from the start on.
//
// Climate: monthly means of daily Tmax/Tmin and of the sunshine fraction n/N, rounded from public
// climate summaries for Thanh Hóa (±1 °C; not station data). The default season starts 1 May: the
// spring–summer net-house melon crop, hot (Tmax 29–33 °C), humid, sunnier than cloudy April.
//
// Day to day: cloudy/clear days from a two-state Markov chain (cloudy spells last ~2.5 days) whose
// long-run cloudy share reproduces the month's mean sunshine; an AR(1) temperature anomaly
// (σ 1.2 °C, lag-1 correlation 0.7); clear days are hotter by day and cooler at dawn.
// Within a day: temperature follows a half cosine from Tmin at sunrise to Tmax at 14:00, then
// another down to the next sunrise; relative humidity mirrors it between 95 % at dawn and an
// afternoon low of 60–85 % (lower on clear days).
//
// ET0 (outside, mm/day): Hargreaves' radiation form, ET0 = 0.0135 (Tmean + 17.8) Rs (Hargreaves
// 1975; Hargreaves & Samani 1985), with Rs from the sunshine fraction by Ångström's formula,
// Rs = (0.25 + 0.50 n/N) Ra (FAO-56 eq. 35). Radiation-based rather than FAO-56 eq. 52, which
// would see cloud only through the temperature range, and which the controller itself uses: the
// model must not be the controller's own estimate. Spread over the day in proportion to the sine
// of the sun's elevation (zero at night).

import { gaussian, random, rng, substream, type Rng } from './random.ts';
import { dayOfYearOf, MJ_TO_MM, sunDay, sunSharePerHour, type SunDay } from './sun.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Monthly means (Jan..Dec) for the Thanh Hóa plain: daily max and min air temperature, °C, and sunshine fraction n/N. */
const NORMAL_TMAX = [20.0, 20.6, 23.2, 27.6, 31.7, 33.2, 33.4, 32.2, 30.6, 28.4, 25.6, 22.4];
const NORMAL_TMIN = [14.4, 15.6, 18.2, 21.7, 24.5, 25.9, 26.1, 25.5, 24.2, 21.9, 18.8, 15.6];
const NORMAL_SUN = [0.25, 0.15, 0.17, 0.3, 0.5, 0.45, 0.5, 0.43, 0.45, 0.42, 0.38, 0.33];

/** Sunshine fraction of a clear and of a cloudy day: uniform in these ranges. */
const CLEAR_SUN = { from: 0.55, to: 0.85 };
const CLOUDY_SUN = { from: 0.05, to: 0.3 };
/** P(cloudy tomorrow | cloudy today): spells of 1 / (1 − 0.6) = 2.5 days on average. */
const CLOUDY_STAYS = 0.6;
const ANOMALY_LAG1 = 0.7;
const ANOMALY_SIGMA = 1.2;
/** Anomalies are clipped at 2 σ: the series stays within the plain's recorded range. */
const ANOMALY_CLIP = 2 * ANOMALY_SIGMA;
/** °C of Tmax and of Tmin per unit of sunshine fraction above the month's mean. */
const SUN_TO_TMAX = 4;
const SUN_TO_TMIN = -1.5;
const MIN_DAILY_RANGE = 3;
const HOTTEST_HOUR = 14;
const RH_DAWN = 95;
/** Afternoon humidity: 60 % under a clear sky (n/N = 1), 85 % under full cloud (n/N = 0). */
const RH_AFTERNOON_CLEAR = 60;
const RH_AFTERNOON_CLOUDY = 85;

export type WeatherDay = {
  /** Days since the series' first local day. */
  index: number;
  dayOfYear: number;
  tMin: number;
  tMax: number;
  /** Relative sunshine duration n/N, 0..1. */
  sunFraction: number;
  cloudy: boolean;
  /** Afternoon (minimum) relative humidity, %. */
  rhMin: number;
  /** Solar radiation at the ground as evaporation, mm/day. */
  rsMm: number;
  /** Reference evapotranspiration outside the net house, mm/day. */
  et0Mm: number;
  sun: SunDay;
};

/** A run of days drawn from one random stream: the chain's state and the days drawn so far. */
type Chain = { rng: Rng; cloudy: boolean; anomaly: number; days: WeatherDay[] };

export type WeatherState = Chain & {
  latitude: number;
  utcOffsetMinutes: number;
  /** Local day number (days since 1970-01-01 local) of index 0. */
  firstDay: number;
  /** Days before index 0 the series has (index −1 … −leadInDays), from their own stream. */
  leadInDays: number;
  /** The lead-in, drawn backwards in time from index −1: `past.days[k]` is index −1 − k. */
  past: Chain;
};

export type WeatherOptions = {
  seed: number;
  /** Any instant of the series' first local day. */
  start: number;
  latitude?: number;
  utcOffsetMinutes?: number;
  /**
   * Days before `start` the series also has (a simulation's spin-up); default 0. They come from
   * their own stream, drawn backwards from the day before `start`, so the days from `start` on are
   * the same with or without them.
   */
  leadInDays?: number;
};

/** The weather at one instant. */
export type WeatherNow = {
  temperature: number;
  humidity: number;
  sunFraction: number;
  /** Global solar radiation outside, W/m². */
  solarWm2: number;
  /** Outside reference ET0 rate at this instant, mm/h. */
  et0MmPerHour: number;
  day: WeatherDay;
};

export const THANH_HOA_LATITUDE = 19.8;

export function createWeather(options: WeatherOptions): WeatherState {
  const utcOffsetMinutes = options.utcOffsetMinutes ?? 420;
  return {
    latitude: options.latitude ?? THANH_HOA_LATITUDE,
    utcOffsetMinutes,
    firstDay: Math.floor((options.start + utcOffsetMinutes * 60_000) / DAY_MS),
    rng: rng(substream(options.seed, 1)),
    cloudy: false,
    anomaly: 0,
    days: [],
    leadInDays: Math.max(0, Math.floor(options.leadInDays ?? 0)),
    past: { rng: rng(substream(options.seed, 3)), cloudy: false, anomaly: 0, days: [] },
  };
}

/**
 * Day `index` of the series. Index −1 … −leadInDays are the lead-in; anything earlier reads as
 * the series' earliest day (with no lead-in, index < 0 reads as day 0: the series has no past).
 */
export function weatherDay(w: WeatherState, index: number): WeatherDay {
  if (index >= 0 || w.leadInDays === 0) {
    const i = Math.max(0, index);
    while (w.days.length <= i) w.days.push(nextDay(w, w, w.days.length));
    return w.days[i] as WeatherDay;
  }
  // Backwards in time: a two-state Markov chain and an AR(1) series look the same either way.
  const k = Math.min(-index, w.leadInDays) - 1;
  while (w.past.days.length <= k) w.past.days.push(nextDay(w, w.past, -1 - w.past.days.length));
  return w.past.days[k] as WeatherDay;
}

/** Monthly normal at a day of the year, linear between mid-month anchors. */
function normalAt(table: readonly number[], dayOfYear: number): number {
  const monthPos = (dayOfYear - 15.2) / 30.44; // 0 at mid-January
  const lo = Math.floor(monthPos);
  const f = monthPos - lo;
  const a = table[((lo % 12) + 12) % 12] as number;
  const b = table[(((lo + 1) % 12) + 12) % 12] as number;
  return a + (b - a) * f;
}

function nextDay(w: WeatherState, c: Chain, index: number): WeatherDay {
  const dayOfYear = dayOfYearOf((w.firstDay + index) * DAY_MS);
  const meanSun = normalAt(NORMAL_SUN, dayOfYear);
  const clearMean = (CLEAR_SUN.from + CLEAR_SUN.to) / 2;
  const cloudyMean = (CLOUDY_SUN.from + CLOUDY_SUN.to) / 2;
  // Long-run cloudy share that reproduces the month's mean sunshine, and the chain's entry
  // probability that gives it: share = enter / (enter + (1 − stay)).
  const share = Math.min(0.9, Math.max(0.05, (clearMean - meanSun) / (clearMean - cloudyMean)));
  const enter = ((1 - CLOUDY_STAYS) * share) / (1 - share);
  c.cloudy = random(c.rng) < (c.cloudy ? CLOUDY_STAYS : enter);
  const range = c.cloudy ? CLOUDY_SUN : CLEAR_SUN;
  const sunFraction = range.from + (range.to - range.from) * random(c.rng);
  const innovation = Math.sqrt(1 - ANOMALY_LAG1 * ANOMALY_LAG1) * ANOMALY_SIGMA * gaussian(c.rng);
  c.anomaly = Math.min(ANOMALY_CLIP, Math.max(-ANOMALY_CLIP, ANOMALY_LAG1 * c.anomaly + innovation));

  const sunExcess = sunFraction - meanSun;
  const tMax = normalAt(NORMAL_TMAX, dayOfYear) + c.anomaly + SUN_TO_TMAX * sunExcess;
  const tMin = Math.min(
    tMax - MIN_DAILY_RANGE,
    normalAt(NORMAL_TMIN, dayOfYear) + 0.5 * c.anomaly + SUN_TO_TMIN * sunExcess,
  );
  const sun = sunDay(w.latitude, dayOfYear);
  const rsMm = (0.25 + 0.5 * sunFraction) * sun.raMJ * MJ_TO_MM;
  const et0Mm = 0.0135 * ((tMin + tMax) / 2 + 17.8) * rsMm;
  const rhMin = RH_AFTERNOON_CLEAR + (RH_AFTERNOON_CLOUDY - RH_AFTERNOON_CLEAR) * (1 - sunFraction);
  return { index, dayOfYear, tMin, tMax, sunFraction, cloudy: c.cloudy, rhMin, rsMm, et0Mm, sun };
}

/** Local day index (days since the series' first local day) of an instant. */
export function dayIndexAt(w: WeatherState, t: number): number {
  return Math.floor((t + w.utcOffsetMinutes * 60_000) / DAY_MS) - w.firstDay;
}

/** Local clock hour (0 ≤ h < 24) of an instant. */
export function hourAt(w: WeatherState, t: number): number {
  const local = t + w.utcOffsetMinutes * 60_000;
  return (local - Math.floor(local / DAY_MS) * DAY_MS) / HOUR_MS;
}

/**
 * Where an instant sits on the day's temperature curve: `f` is 0 at a low and 1 at a high, and
 * the curve runs between `low` (a sunrise's Tmin) and `high` (an afternoon's Tmax, which also
 * sets the afternoon humidity). Before sunrise the curve still falls from yesterday's Tmax; after
 * 14:00 it falls toward tomorrow's Tmin. The two ends come from `lowDay` and `highDay`.
 */
function curveWeight(w: WeatherState, index: number, hour: number): number {
  const today = weatherDay(w, index);
  const sunrise = today.sun.sunriseHour;
  if (hour >= sunrise && hour < HOTTEST_HOUR) {
    return (1 - Math.cos((Math.PI * (hour - sunrise)) / (HOTTEST_HOUR - sunrise))) / 2;
  }
  const to = hour >= HOTTEST_HOUR ? weatherDay(w, index + 1) : today;
  const elapsed = hour >= HOTTEST_HOUR ? hour - HOTTEST_HOUR : hour + 24 - HOTTEST_HOUR;
  return (1 + Math.cos((Math.PI * elapsed) / (24 - HOTTEST_HOUR + to.sun.sunriseHour))) / 2;
}

/** The day whose Tmin is the curve's low and the day whose Tmax (and afternoon humidity) is its high. */
function lowDay(w: WeatherState, index: number, hour: number): WeatherDay {
  return hour >= HOTTEST_HOUR ? weatherDay(w, index + 1) : weatherDay(w, index);
}
function highDay(w: WeatherState, index: number, hour: number): WeatherDay {
  return hour < weatherDay(w, index).sun.sunriseHour ? weatherDay(w, index - 1) : weatherDay(w, index);
}

/** Air temperature at an instant, °C. */
export function temperatureAt(w: WeatherState, t: number): number {
  const index = dayIndexAt(w, t);
  const hour = hourAt(w, t);
  const low = lowDay(w, index, hour).tMin;
  return low + (highDay(w, index, hour).tMax - low) * curveWeight(w, index, hour);
}

/** Relative humidity at an instant, %: 95 % at the day's low, the afternoon humidity at its high. */
export function humidityAt(w: WeatherState, t: number): number {
  const index = dayIndexAt(w, t);
  const hour = hourAt(w, t);
  return RH_DAWN - (RH_DAWN - highDay(w, index, hour).rhMin) * curveWeight(w, index, hour);
}

/** Outside reference ET0 rate at an instant, mm/h. The hot path of `advance`: allocates nothing. */
export function et0RateAt(w: WeatherState, t: number): number {
  const day = weatherDay(w, dayIndexAt(w, t));
  return day.et0Mm * sunSharePerHour(day.sun, hourAt(w, t));
}

export function weatherAt(w: WeatherState, t: number): WeatherNow {
  const day = weatherDay(w, dayIndexAt(w, t));
  const share = sunSharePerHour(day.sun, hourAt(w, t));
  return {
    temperature: temperatureAt(w, t),
    humidity: humidityAt(w, t),
    sunFraction: day.sunFraction,
    solarWm2: ((day.rsMm / MJ_TO_MM) * share * 1e6) / 3600,
    et0MmPerHour: day.et0Mm * share,
    day,
  };
}
