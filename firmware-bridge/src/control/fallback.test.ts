import { describe, expect, it } from 'vitest';
import { extraterrestrialRadiation, hargreavesEt0, radiationAsEvaporation, sunWeight } from './et.ts';
import { openRunRecords } from './runs.ts';
import { dayOfYear, localDay, localMinuteOfDay } from './time.ts';
import { HOUR, MINUTE, SECOND, dailyTemperature, local, makeSim, ofType, type Sim } from './testkit.ts';
import type { ZoneSettings } from './types.ts';

// One zone of 20 m², Kc 1, 10 L/min; air 24–34 °C every day in Hanoi in June: Hargreaves gives
// the core about 5.7 mm/day, so it estimates the crop uses about 115 L a day, spread by the sun.
// The crop really uses 0.8 of that (a net house's shade), and the core learns it from band
// control before the sensor dies: the soil gains 1 % VWC per 20 L.
const T_MIN = 24;
const T_MAX = 34;
const REAL_USE = 0.8;
const LITRES_PER_PERCENT = 20;
const FALLBACK: Partial<ZoneSettings> = {
  moistureLow: 25,
  moistureHigh: 28,
  maxRunMinutes: 3,
  minSoakMinutes: 30,
  windows: [{ from: '05:00', to: '18:00' }],
  dailyBudgetLitres: 1000,
};

/** ET0 the core works with on a local day (from the day before's 24–34 °C), mm/day. */
function et0(day: number): number {
  return hargreavesEt0(T_MIN, T_MAX, radiationAsEvaporation(extraterrestrialRadiation(21.0, dayOfYear(day))));
}

/** The crop water use the core estimates for zone a on one full day, litres. */
function estimatePerDay(day: number): number {
  return et0(day) * 1.0 * 20;
}

/** The crop's real use, % VWC per minute: REAL_USE × the estimate, drawn with the sun. */
function realUsePerMinute(now: number): number {
  const day = localDay(now, 420);
  const hour = localMinuteOfDay(now, 420) / 60;
  const litresPerMinute = (REAL_USE * estimatePerDay(day) * sunWeight(21.0, dayOfYear(day), hour)) / (24 * 60);
  return litresPerMinute / LITRES_PER_PERCENT;
}

/**
 * A greenhouse whose zone a has watered under band control for three days (so the core has
 * learned its real use) and whose sensor dies at 10:00 on day 3; `learn` false: the sensor dies
 * on day 1 before any band watering, with nothing learned.
 */
function deadSensor(settings: Partial<ZoneSettings> = {}, learn = true): Sim {
  const sim = makeSim({ start: local(0, 0), settings: { a: { ...FALLBACK, ...settings } } });
  sim.world.temperatureAt = dailyTemperature(T_MIN, T_MAX);
  sim.zone('a').moisture = 26;
  sim.zone('a').dryPerMinuteAt = learn ? realUsePerMinute : null;
  sim.zone('a').risePerMinute = 10 / LITRES_PER_PERCENT;
  sim.run(local(10, 0, learn ? 3 : 1) - sim.now, 10 * SECOND);
  sim.zone('a').sensorAlive = false;
  return sim;
}

/** Litres through zone a's meter per local day, from the runs that stopped that day. */
function litresByDay(sim: Sim, from: number): Map<number, number> {
  const days = new Map<number, number>();
  for (const stop of ofType(sim.events.slice(from), 'water-stopped')) {
    const day = localDay(stop.at, 420);
    days.set(day, (days.get(day) ?? 0) + stop.litres);
  }
  return days;
}

/** Fallback water over four whole days after the fault, over the core's estimate for them. */
function waterOverEstimate(sim: Sim, mark: number, firstDayOffset: number): number {
  const byDay = litresByDay(sim, mark);
  const first = localDay(local(0, 0, firstDayOffset), 420);
  let water = 0;
  let need = 0;
  for (let day = first; day < first + 4; day++) {
    water += byDay.get(day) ?? 0;
    need += estimatePerDay(day);
  }
  expect(need).toBeGreaterThan(4 * 100);
  return water / need;
}

describe('fallback watering after a sensor fault', () => {
  it('closes the valve at once and raises the alarm, with no fallback cycle in that step', () => {
    const sim = makeSim({ settings: { a: FALLBACK } });
    sim.zone('a').moisture = 20;
    sim.tick();
    expect(sim.isOpen('a')).toBe(true);
    const mark = sim.events.length;
    sim.zone('a').sensorAlive = false;
    sim.run(1 * SECOND);
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events.slice(mark), 'water-stopped').map((e) => e.rule)).toEqual(['fault']);
    expect(ofType(sim.events.slice(mark), 'alarm-raised').map((e) => e.alarm)).toEqual(['sensor-stale']);
    expect(ofType(sim.events.slice(mark), 'water-started')).toEqual([]);
  });

  it('keeps giving a zone whose sensor died its real use, learned from band control, + 10 %, day after day', () => {
    const sim = deadSensor();
    expect(sim.state.zones.a?.etCalibration.etcLitres).toBeGreaterThan(0);
    const mark = sim.events.length;
    sim.run(local(0, 0, 8) - sim.now, 10 * SECOND);
    const starts = ofType(sim.events.slice(mark), 'water-started');
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts.map((e) => e.rule))).toEqual(new Set(['fallback-et']));
    // Whole days 4..7: 0.8 × 1.1 of the estimate, give or take the bucket still waiting (≤ 10 L).
    const ratio = waterOverEstimate(sim, mark, 4);
    expect(ratio).toBeGreaterThan(REAL_USE * 1.1 * 0.95);
    expect(ratio).toBeLessThan(REAL_USE * 1.1 * 1.05);
  });

  it('with no band history to learn from, gives the plain estimate + 10 %', () => {
    const sim = deadSensor({}, false);
    expect(sim.state.zones.a?.etCalibration.etcLitres).toBe(0);
    const mark = sim.events.length;
    sim.run(local(0, 0, 6) - sim.now, 10 * SECOND);
    const ratio = waterOverEstimate(sim, mark, 2);
    expect(ratio).toBeGreaterThan(1.1 * 0.95);
    expect(ratio).toBeLessThan(1.1 * 1.05);
  });

  it('fills the bucket with the sun: no fallback water is owed for the night', () => {
    const sim = deadSensor();
    sim.run(local(18, 0, 3) - sim.now, 10 * SECOND);
    const evening = sim.state.zones.a?.fallbackBucketLitres ?? NaN;
    sim.run(local(5, 0, 4) - sim.now, 10 * SECOND);
    // 18:00 to 05:00: the sun sets soon after 18:30 in June; a few litres at most.
    expect((sim.state.zones.a?.fallbackBucketLitres ?? NaN) - evening).toBeLessThan(5);
  });

  it('never runs a fallback cycle longer than the max run, nor outside the watering windows', () => {
    const sim = deadSensor({ maxRunMinutes: 1 });
    const mark = sim.events.length;
    sim.run(3 * 24 * HOUR, 10 * SECOND);
    const stops = ofType(sim.events.slice(mark), 'water-stopped');
    expect(stops.length).toBeGreaterThan(5);
    expect(stops.map((s) => s.rule)).toContain('max-run'); // a 10 L trigger and the use meanwhile
    for (const stop of stops) {
      expect(stop.at - stop.startedAt).toBeLessThanOrEqual(1 * MINUTE);
      expect(stop.litres).toBeLessThanOrEqual(10 + 1e-9);
      const started = localMinuteOfDay(stop.startedAt, 420);
      expect(started).toBeGreaterThanOrEqual(5 * 60);
      expect(started).toBeLessThan(18 * 60);
    }
    // And the soak between cycles.
    for (let i = 1; i < stops.length; i++) {
      expect((stops[i]?.startedAt ?? 0) - (stops[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(30 * MINUTE);
    }
  });

  it('stops at the daily budget, and waters again the next day', () => {
    const sim = deadSensor({ dailyBudgetLitres: 50, maxRunMinutes: 10 });
    const mark = sim.events.length;
    sim.run(local(0, 0, 7) - sim.now, 10 * SECOND);
    const byDay = litresByDay(sim, mark);
    const first = localDay(local(0, 0, 4), 420);
    for (let day = first; day < first + 3; day++) {
      // 50 L, plus at most one 10 s tick of flow (1.7 L) before the budget rule sees it.
      expect(byDay.get(day)).toBeGreaterThanOrEqual(50);
      expect(byDay.get(day)).toBeLessThanOrEqual(50 + 10 / 6 + 1e-9);
    }
    expect(ofType(sim.events.slice(mark), 'water-stopped').map((e) => e.rule)).toContain('budget');
    expect(ofType(sim.events.slice(mark), 'alarm-raised').map((e) => e.alarm)).toContain('budget-reached');
  });

  it('with fallbackWatering false the zone stays dry until the sensor is back, as before', () => {
    const sim = deadSensor({ fallbackWatering: false });
    const mark = sim.events.length;
    sim.run(3 * 24 * HOUR, 10 * SECOND);
    expect(ofType(sim.events.slice(mark), 'water-started')).toEqual([]);
    expect(sim.state.zones.a?.fallbackBucketLitres).toBe(0);
  });

  it('turning fallback off during a fallback run closes the valve', () => {
    const sim = deadSensor({ maxRunMinutes: 10 });
    sim.run(24 * HOUR, 10 * SECOND, () => sim.isOpen('a'));
    expect(sim.isOpen('a')).toBe(true);
    const mark = sim.events.length;
    sim.config.settings.a = { ...(sim.config.settings.a as ZoneSettings), fallbackWatering: false };
    sim.tick();
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events.slice(mark), 'water-stopped').map((e) => e.rule)).toEqual(['fault']);
  });

  it('records an open fallback run as fallback-et, for the journal', () => {
    const sim = deadSensor();
    sim.run(24 * HOUR, 10 * SECOND, () => sim.isOpen('a'));
    expect(openRunRecords(sim.state)).toMatchObject([{ zoneId: 'a', rule: 'fallback-et' }]);
  });

  it('hands back to band control when the sensor recovers: the bucket is emptied, band-low starts again', () => {
    const sim = deadSensor({ maxRunMinutes: 10 });
    sim.run(24 * HOUR, 10 * SECOND, () => sim.isOpen('a'));
    expect(sim.isOpen('a')).toBe(true);
    expect(sim.state.zones.a?.fallbackBucketLitres).toBeGreaterThan(0);
    // The sensor is plugged back in mid-cycle, reading inside the band.
    const mark = sim.events.length;
    sim.zone('a').moisture = 30;
    sim.zone('a').sensorAlive = true;
    sim.tick(10 * SECOND);
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events.slice(mark), 'water-stopped').map((e) => e.rule)).toEqual(['sensor-recovered']);
    expect(ofType(sim.events.slice(mark), 'alarm-cleared').map((e) => e.alarm)).toEqual(['sensor-stale']);
    expect(sim.state.zones.a?.fallbackBucketLitres).toBe(0);
    // Inside the band nothing waters, however long the crop has used water since.
    sim.zone('a').dryPerMinute = 0;
    sim.run(4 * HOUR, 10 * SECOND);
    expect(ofType(sim.events.slice(mark), 'water-started')).toEqual([]);
    // Below the low mark the band starts the watering.
    sim.zone('a').moisture = 20;
    sim.run(2 * HOUR, 10 * SECOND, () => sim.isOpen('a'));
    expect(ofType(sim.events.slice(mark), 'water-started').map((e) => e.rule)).toEqual(['band-low']);
  });

  it('still refuses a manual run while the sensor fault stands', () => {
    const sim = deadSensor();
    sim.run(2 * SECOND);
    sim.command({ kind: 'run', zoneId: 'a', minutes: 5 });
    expect(ofType(sim.events, 'command-refused')[0]?.reason).toMatch(/sensor/);
  });
});
