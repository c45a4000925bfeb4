import { describe, expect, it } from 'vitest';
import { demoIrrigation } from './demo-irrigation.ts';

const settings = {
  moistureLow: 19.6,
  moistureHigh: 21.8,
  maxRunMinutes: 60,
  minSoakMinutes: 30,
  dailyBudgetLitres: 1200,
  windows: [{ from: '05:00', to: '18:00' }],
};
// Midnight in Vietnam, 2026-09-20, for 60 days.
const from = new Date('2026-09-19T17:00:00Z');
const to = new Date(from.getTime() + 60 * 86_400_000);
const input = { key: 'seedline-xh-nm1/z1', from, to, areaM2: 120, settings };

describe('demoIrrigation', () => {
  const result = demoIrrigation(input);

  it('comes out the same on every run', () => {
    expect(demoIrrigation(input)).toEqual(result);
  });

  it('leaves the power cut without roll-ups or runs, and every other hour with one', () => {
    const { hours, runs, powerCut } = result;
    const inCut = (t: Date) => t >= powerCut.from && t < powerCut.to;
    expect(powerCut.to.getTime() - powerCut.from.getTime()).toBe(27 * 3_600_000);
    expect(hours.filter((h) => inCut(h.hour))).toEqual([]);
    expect(runs.filter((r) => inCut(r.startedAt))).toEqual([]);
    expect(hours).toHaveLength(60 * 24 - 27);
    expect(hours.every((h) => h.hour.getTime() % 3_600_000 === 0 && h.samples === 12)).toBe(true);
  });

  it('waters only inside the window, within the budget, and mostly keeps the zone in its band', () => {
    const { hours, runs } = result;
    for (const run of runs) {
      const localMinute = ((run.startedAt.getTime() + 7 * 3_600_000) % 86_400_000) / 60_000;
      expect(localMinute).toBeGreaterThanOrEqual(5 * 60);
      expect(localMinute).toBeLessThan(18 * 60);
      expect(run.endedAt.getTime() - run.startedAt.getTime()).toBeLessThanOrEqual(60 * 60_000);
    }
    const litresByDay = new Map<string, number>();
    for (const h of hours) {
      const day = new Date(h.hour.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
      litresByDay.set(day, (litresByDay.get(day) ?? 0) + h.litres);
    }
    expect(Math.max(...litresByDay.values())).toBeLessThanOrEqual(1200);
    const share = hours.reduce((sum, h) => sum + h.inBandShare, 0) / hours.length;
    expect(share).toBeGreaterThan(0.8);
    // Run litres and the hourly counter agree: one water record.
    const hourly = hours.reduce((sum, h) => sum + h.litres, 0);
    const byRun = runs.reduce((sum, r) => sum + r.litres, 0);
    expect(Math.abs(hourly - byRun)).toBeLessThan(60);
  });
});
