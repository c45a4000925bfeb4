import { describe, expect, it } from 'vitest';
import { extraterrestrialRadiation, hargreavesEt0, radiationAsEvaporation } from './et.ts';
import { openRunRecords } from './runs.ts';
import { dayOfYear, localDay, localMinuteOfDay } from './time.ts';
import { HOUR, MINUTE, SECOND, dailyTemperature, local, makeSim, ofType, type Sim } from './testkit.ts';
import type { ZoneSettings } from './types.ts';

// One zone of 20 m², Kc 1, 10 L/min; air 24–34 °C every day in Hanoi in June: Hargreaves gives
// about 5.7 mm/day, so the crop uses about 115 L a day. A 3-minute max run (30 L) is less than
// a night's use, so the morning's watering takes several cycles.
const T_MIN = 24;
const T_MAX = 34;
const FALLBACK: Partial<ZoneSettings> = {
  maxRunMinutes: 3,
  minSoakMinutes: 30,
  windows: [{ from: '05:00', to: '18:00' }],
  dailyBudgetLitres: 1000,
};

/** The crop water use the core should estimate for zone a on one full day, litres. */
function etcPerDay(day: number): number {
  const ra = radiationAsEvaporation(extraterrestrialRadiation(21.0, dayOfYear(day)));
  return hargreavesEt0(T_MIN, T_MAX, ra) * 1.0 * 20;
}

/** A greenhouse whose zone a has watered under band control and whose sensor dies at 10:00 on day 1. */
function deadSensor(settings: Partial<ZoneSettings> = {}): Sim {
  const sim = makeSim({ start: local(0, 0), settings: { a: { ...FALLBACK, ...settings } } });
  sim.world.temperatureAt = dailyTemperature(T_MIN, T_MAX);
  sim.zone('a').moisture = 30;
  sim.zone('a').dryPerMinute = 0.01;
  sim.zone('a').risePerMinute = 0.5;
  sim.run(local(10, 0, 1) - sim.now, 10 * SECOND);
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

  it('keeps giving a zone whose sensor died about its ETc, day after day, in fallback-et runs', () => {
    const sim = deadSensor();
    const mark = sim.events.length;
    sim.run(local(0, 0, 6) - sim.now, 10 * SECOND);
    const starts = ofType(sim.events.slice(mark), 'water-started');
    expect(starts.length).toBeGreaterThan(10);
    expect(new Set(starts.map((e) => e.rule))).toEqual(new Set(['fallback-et']));
    // Whole days 2..5 (the first full days after the fault): each day's water is its ETc, less
    // at most the bucket still waiting (the trigger, 10 L) plus what the night left for the
    // morning, which is counted the next day instead.
    const byDay = litresByDay(sim, mark);
    const first = localDay(local(0, 0, 2), 420);
    let water = 0;
    let need = 0;
    for (let day = first; day < first + 4; day++) {
      water += byDay.get(day) ?? 0;
      need += etcPerDay(day);
    }
    expect(need).toBeGreaterThan(4 * 100);
    expect(water / need).toBeGreaterThan(0.9);
    expect(water / need).toBeLessThan(1.1);
  });

  it('never runs a fallback cycle longer than the max run, nor outside the watering windows', () => {
    const sim = deadSensor();
    const mark = sim.events.length;
    sim.run(3 * 24 * HOUR, 10 * SECOND);
    const stops = ofType(sim.events.slice(mark), 'water-stopped');
    expect(stops.length).toBeGreaterThan(5);
    expect(stops.map((s) => s.rule)).toContain('max-run'); // the morning after a night's use
    for (const stop of stops) {
      expect(stop.at - stop.startedAt).toBeLessThanOrEqual(3 * MINUTE);
      expect(stop.litres).toBeLessThanOrEqual(30 + 1e-9);
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
    sim.run(local(0, 0, 5) - sim.now, 10 * SECOND);
    const byDay = litresByDay(sim, mark);
    const first = localDay(local(0, 0, 2), 420);
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
