import { describe, expect, it } from 'vitest';
import { meterDelta } from './budget.ts';
import { HOUR, MINUTE, local, makeSim, ofType, settingsFor } from './testkit.ts';

const NO_ET_BOUND = { etAllowanceLitresPerM2: 1000 };

describe('daily water budget', () => {
  it('stops the run when the day’s litres reach the budget and raises budget-reached', () => {
    const sim = makeSim({ settings: { a: { dailyBudgetLitres: 50, maxRunMinutes: 600 } }, limits: NO_ET_BOUND });
    sim.zone('a').moisture = 20;
    sim.run(10 * MINUTE);
    const [stop] = ofType(sim.events, 'water-stopped');
    expect(stop?.rule).toBe('budget');
    expect(stop?.litres).toBeGreaterThanOrEqual(50);
    expect(stop?.litres).toBeLessThan(50.1);
    expect(ofType(sim.events, 'alarm-raised')).toMatchObject([
      { alarm: 'budget-reached', zoneId: 'a', needsAck: false },
    ]);
    expect(sim.isOpen('a')).toBe(false);
  });

  it('counts automatic and manual runs together, and refuses a manual run once it is reached', () => {
    const sim = makeSim({ settings: { a: { dailyBudgetLitres: 50 } }, limits: NO_ET_BOUND });
    sim.command({ kind: 'run', zoneId: 'a', minutes: 3 }); // 30 L
    sim.run(4 * MINUTE);
    sim.zone('a').moisture = 20;
    sim.run(30 * MINUTE);
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['manual-expired', 'budget']);
    sim.command({ kind: 'run', zoneId: 'a', minutes: 3 });
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events, 'command-refused')[0]?.reason).toMatch(/budget/);
  });

  it('a manual run stops at the budget too, and its mode ends', () => {
    const sim = makeSim({ settings: { a: { dailyBudgetLitres: 50 } } });
    sim.command({ kind: 'run', zoneId: 'a', minutes: 60 });
    sim.run(10 * MINUTE);
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['budget']);
    expect(sim.state.zones.a?.mode).toEqual({ kind: 'auto' });
  });

  it('resets at local midnight: the alarm clears and the zone waters again', () => {
    const sim = makeSim({
      start: local(22, 0),
      settings: { a: { dailyBudgetLitres: 50, maxRunMinutes: 600, minSoakMinutes: 0 } },
      limits: NO_ET_BOUND,
    });
    sim.zone('a').moisture = 20;
    sim.run(HOUR);
    expect(sim.isOpen('a')).toBe(false);
    sim.run(HOUR - 2 * MINUTE, 1000); // 23:59:xx, still the same day
    expect(sim.isOpen('a')).toBe(false);
    sim.run(3 * MINUTE, 100, () => sim.isOpen('a'));
    const cleared = ofType(sim.events, 'alarm-cleared');
    expect(cleared).toMatchObject([{ alarm: 'budget-reached', at: local(0, 0, 1) }]);
    expect(ofType(sim.events, 'water-started')[1]?.at).toBe(local(0, 0, 1));
  });

  it('raising the budget clears the alarm at once (the heat-wave override)', () => {
    const sim = makeSim({ settings: { a: { dailyBudgetLitres: 50 } }, limits: NO_ET_BOUND });
    sim.zone('a').moisture = 20;
    sim.run(10 * MINUTE);
    expect(sim.state.zones.a?.budgetReached).toBe(true);
    sim.config.settings.a = settingsFor({ dailyBudgetLitres: 200 });
    sim.tick();
    expect(ofType(sim.events, 'alarm-cleared').map((e) => e.alarm)).toEqual(['budget-reached']);
  });

  it('treats a meter that restarts from zero as a new baseline, never negative litres', () => {
    expect(meterDelta(null, 120)).toBe(0);
    expect(meterDelta(100, 120)).toBe(20);
    expect(meterDelta(120, 3)).toBe(0);
  });
});
