import { describe, expect, it } from 'vitest';
import { createWeather, weatherAt, weatherDay } from './weather.ts';
import { DAY, HOUR, MAY_1 } from './testkit.ts';

function series(seed: number, days = 30) {
  const w = createWeather({ seed, start: MAY_1 });
  return Array.from({ length: days }, (_, d) => weatherDay(w, d));
}

describe('Thanh Hóa weather series', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(series(7)).toEqual(series(7));
    expect(series(7).map((d) => d.tMax)).not.toEqual(series(8).map((d) => d.tMax));
  });

  it('gives the same day whatever order days are asked in', () => {
    const w = createWeather({ seed: 3, start: MAY_1 });
    const late = weatherDay(w, 20);
    expect(series(3, 21)[20]).toEqual(late);
  });

  it('stays plausible for May on the plain: Tmax 25–38 °C, Tmin 19–29 °C, ET0 2–8 mm/day', () => {
    for (const seed of [1, 2, 3, 42, 2025]) {
      const days = series(seed);
      for (const d of days) {
        expect(d.tMax).toBeGreaterThanOrEqual(25);
        expect(d.tMax).toBeLessThanOrEqual(38);
        expect(d.tMin).toBeGreaterThanOrEqual(19);
        expect(d.tMin).toBeLessThanOrEqual(29);
        expect(d.tMax - d.tMin).toBeGreaterThanOrEqual(3);
        expect(d.et0Mm).toBeGreaterThan(2);
        expect(d.et0Mm).toBeLessThan(8);
      }
      const meanTmax = days.reduce((s, d) => s + d.tMax, 0) / days.length;
      expect(meanTmax).toBeGreaterThan(29);
      expect(meanTmax).toBeLessThan(34);
      const cloudy = days.filter((d) => d.cloudy).length;
      expect(cloudy).toBeGreaterThan(3);
      expect(cloudy).toBeLessThan(27);
    }
  });

  it('is coolest and most humid near sunrise, warmest in the early afternoon, humidity within 60–95 %', () => {
    const w = createWeather({ seed: 11, start: MAY_1 });
    for (let d = 1; d < 20; d++) {
      let coolest = { t: Infinity, hour: -1 };
      let warmest = { t: -Infinity, hour: -1 };
      for (let minute = 0; minute < 24 * 60; minute += 10) {
        const now = weatherAt(w, MAY_1 + d * DAY + minute * 60_000);
        if (now.temperature < coolest.t) coolest = { t: now.temperature, hour: minute / 60 };
        if (now.temperature > warmest.t) warmest = { t: now.temperature, hour: minute / 60 };
        expect(now.humidity).toBeGreaterThanOrEqual(60);
        expect(now.humidity).toBeLessThanOrEqual(95);
      }
      expect(coolest.hour).toBeGreaterThanOrEqual(5);
      expect(coolest.hour).toBeLessThanOrEqual(6);
      expect(warmest.hour).toBeGreaterThanOrEqual(13);
      expect(warmest.hour).toBeLessThanOrEqual(15);
      expect(weatherAt(w, MAY_1 + d * DAY + 5.7 * HOUR).humidity).toBeGreaterThan(
        weatherAt(w, MAY_1 + d * DAY + 14 * HOUR).humidity,
      );
    }
  });

  it('has no sun and no ET at night, and ET summing to the day’s ET0', () => {
    const w = createWeather({ seed: 5, start: MAY_1 });
    const night = weatherAt(w, MAY_1 + 2 * DAY + 2 * HOUR);
    expect(night.solarWm2).toBe(0);
    expect(night.et0MmPerHour).toBe(0);
    let sum = 0;
    for (let minute = 0; minute < 24 * 60; minute++)
      sum += weatherAt(w, MAY_1 + 2 * DAY + minute * 60_000 + 30_000).et0MmPerHour / 60;
    expect(sum).toBeCloseTo(weatherDay(w, 2).et0Mm, 3);
  });

  it('evaporates less on cloudy days than on clear ones', () => {
    const days = series(2025, 60);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(days.filter((d) => d.cloudy).map((d) => d.et0Mm))).toBeLessThan(
      0.75 * mean(days.filter((d) => !d.cloudy).map((d) => d.et0Mm)),
    );
  });

  it('has a lead-in before its start that leaves the days from the start on unchanged', () => {
    const plain = createWeather({ seed: 2025, start: MAY_1 });
    const led = createWeather({ seed: 2025, start: MAY_1, leadInDays: 14 });
    // Ask for the lead-in first: the days from the start on must not move.
    const april = Array.from({ length: 14 }, (_, k) => weatherDay(led, -1 - k));
    for (let d = 0; d < 30; d++) expect(weatherDay(led, d)).toEqual(weatherDay(plain, d));
    expect(april.map((d) => d.index)).toEqual(Array.from({ length: 14 }, (_, k) => -1 - k));
    expect(april[0]?.dayOfYear).toBe(weatherDay(plain, 0).dayOfYear - 1);
    // Late April on the plain: a little cooler and cloudier than May.
    for (const d of april) {
      expect(d.tMax).toBeGreaterThanOrEqual(23);
      expect(d.tMax).toBeLessThanOrEqual(36);
      expect(d.et0Mm).toBeGreaterThan(1.5);
      expect(d.et0Mm).toBeLessThan(8);
    }
    // Before the lead-in: its earliest day; without one, day 0 (the series has no past).
    expect(weatherDay(led, -20)).toEqual(weatherDay(led, -14));
    expect(weatherDay(plain, -1)).toEqual(weatherDay(plain, 0));
  });
});
