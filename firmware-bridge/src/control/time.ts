import type { Millis } from './types.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Milliseconds shifted into the gateway's local time (the same instant, read on a local wall clock). */
export function localMillis(now: Millis, utcOffsetMinutes: number): number {
  return now + utcOffsetMinutes * MINUTE_MS;
}

/** Local day number: days since 1970-01-01 in local time. Changes at local midnight. */
export function localDay(now: Millis, utcOffsetMinutes: number): number {
  return Math.floor(localMillis(now, utcOffsetMinutes) / DAY_MS);
}

/** Local minute of the day, 0..1439. */
export function localMinuteOfDay(now: Millis, utcOffsetMinutes: number): number {
  const ms = localMillis(now, utcOffsetMinutes) - localDay(now, utcOffsetMinutes) * DAY_MS;
  return Math.floor(ms / MINUTE_MS);
}

/**
 * Day of the year (1..366) of a local day number, without a Date object: civil-from-days
 * (H. Hinnant's algorithm), then the ordinal day.
 */
export function dayOfYear(day: number): number {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doyFromMarch = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyFromMarch + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  // doyFromMarch counts from 1 March (0); Jan and Feb are 306.. of the previous March-year.
  return doyFromMarch >= 306 ? doyFromMarch - 305 : doyFromMarch + 60 + (leap ? 1 : 0);
}
