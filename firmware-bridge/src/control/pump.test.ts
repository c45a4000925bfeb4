import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND, makeSim, ofType, profile, prng } from './testkit.ts';
import { byQueueOrder } from './pump.ts';
import type { ZoneCommand } from './types.ts';

const NO_ET_BOUND = { etAllowanceLitresPerM2: 1000 };

describe('shared pump (maxOpenZones)', () => {
  it('with maxOpenZones=1, two zones that read dry forever alternate and neither starves', () => {
    const sim = makeSim({
      zones: [profile('a'), profile('b')],
      settings: { a: { maxRunMinutes: 10, minSoakMinutes: 5 }, b: { maxRunMinutes: 10, minSoakMinutes: 5 } },
      limits: { ...NO_ET_BOUND, maxOpenZones: 1 },
    });
    sim.zone('a').moisture = 20;
    sim.zone('b').moisture = 20;
    sim.run(3 * HOUR, 1000);
    const starts = ofType(sim.events, 'water-started').map((e) => e.zoneId);
    expect(starts.length).toBeGreaterThanOrEqual(16);
    // Strict alternation: a, b, a, b, ...
    starts.forEach((zoneId, i) => expect(zoneId).toBe(i % 2 === 0 ? 'a' : 'b'));
    const litres = (id: string) =>
      ofType(sim.events, 'water-stopped')
        .filter((e) => e.zoneId === id)
        .reduce((sum, e) => sum + e.litres, 0);
    expect(Math.abs(litres('a') - litres('b'))).toBeLessThanOrEqual(100); // at most one cycle apart
  });

  it('never opens more zones than maxOpenZones', () => {
    const sim = makeSim({
      zones: [profile('a'), profile('b'), profile('c')],
      limits: { ...NO_ET_BOUND, maxOpenZones: 2 },
    });
    for (const id of ['a', 'b', 'c']) sim.zone(id).moisture = 20;
    sim.tick();
    expect(Object.values(sim.outputs.valves).filter(Boolean)).toHaveLength(2);
    expect(sim.isOpen('c')).toBe(false);
  });

  it('a zone that just ran goes to the back of the queue, even with no soak', () => {
    const sim = makeSim({
      zones: [profile('a'), profile('b'), profile('c')],
      settings: {
        a: { maxRunMinutes: 5, minSoakMinutes: 0 },
        b: { maxRunMinutes: 5, minSoakMinutes: 0 },
        c: { maxRunMinutes: 5, minSoakMinutes: 0 },
      },
      limits: { ...NO_ET_BOUND, maxOpenZones: 1 },
    });
    for (const id of ['a', 'b', 'c']) sim.zone(id).moisture = 20;
    sim.run(35 * MINUTE, 1000);
    const starts = ofType(sim.events, 'water-started').map((e) => e.zoneId);
    expect(starts.slice(0, 6)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('a manual run takes the place of the longest-running automatic run when the pump is full', () => {
    const sim = makeSim({ zones: [profile('a'), profile('b')], limits: { ...NO_ET_BOUND, maxOpenZones: 1 } });
    sim.zone('a').moisture = 20;
    sim.tick();
    sim.command({ kind: 'run', zoneId: 'b', minutes: 5 });
    expect(sim.isOpen('a')).toBe(false);
    expect(sim.isOpen('b')).toBe(true);
    expect(ofType(sim.events, 'water-stopped')).toMatchObject([{ zoneId: 'a', rule: 'preempted' }]);
  });

  it('a manual run waits for a place when every open zone is manual', () => {
    const sim = makeSim({ zones: [profile('a'), profile('b')], limits: { maxOpenZones: 1 } });
    sim.command({ kind: 'run', zoneId: 'a', minutes: 2 }, { kind: 'run', zoneId: 'b', minutes: 5 });
    expect(sim.isOpen('a')).toBe(true);
    expect(sim.isOpen('b')).toBe(false);
    sim.run(2 * MINUTE);
    expect(sim.isOpen('a')).toBe(false);
    expect(sim.isOpen('b')).toBe(true);
  });
});

describe('relay invariants under random operation', () => {
  it('over a long seeded random sequence the pump never runs with every valve closed, and no rule is broken', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const random = prng(20250601);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const sim = makeSim({
      zones: ids.map((id) => profile(id)),
      settings: Object.fromEntries(
        ids.map((id) => [id, { maxRunMinutes: 3, minSoakMinutes: 1, dailyBudgetLitres: 400 }]),
      ),
      limits: { maxOpenZones: 2 },
    });
    let opened = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = random();
      const z = sim.zone(pick(ids));
      if (r < 0.05) z.moisture = 10 + random() * 40;
      else if (r < 0.06) z.moisture = pick([null, 1, 70]);
      else if (r < 0.07) z.sensorAlive = !z.sensorAlive;
      else if (r < 0.075) z.rawFrozen = !z.rawFrozen;
      else if (r < 0.085) z.flowFactor = pick([0, 0.1, 1, 1]);
      else if (r < 0.09) z.seepLpm = pick([0, 0, 0, 2]);
      else if (r < 0.095) sim.world.mainLeakLpm = pick([0, 0, 0, 3]);
      const commands: ZoneCommand[] = [];
      if (random() < 0.02) {
        const zoneId = pick([...ids, 'x']);
        commands.push(
          pick<ZoneCommand>([
            { kind: 'run', zoneId, minutes: pick([1, 2, 5, 0, 300]) },
            { kind: 'stop', zoneId },
            { kind: 'pause', zoneId, until: sim.now + pick([-1, 1, 5]) * MINUTE },
            { kind: 'resume', zoneId },
            { kind: 'off', zoneId },
            { kind: 'auto', zoneId },
            { kind: 'acknowledge', alarmKind: 'leak', zoneId: null },
            { kind: 'acknowledge', alarmKind: 'no-flow', zoneId },
          ]),
        );
      }
      const { outputs, state } = sim.tick(pick([50, 100, 200, 1000, 5 * SECOND]), commands);
      const open = ids.filter((id) => outputs.valves[id]);
      opened += open.length;
      expect(outputs.pump).toBe(open.length > 0);
      expect(outputs.masterValve).toBe(open.length > 0 && !state.site.leak);
      expect(open.length).toBeLessThanOrEqual(2);
      for (const id of open) {
        const zone = state.zones[id];
        expect(zone?.sensorAlarm).toBeNull();
        expect(zone?.noFlow).toBe(false);
        expect(zone?.budgetReached).toBe(false);
        expect(['auto', 'manual']).toContain(zone?.mode.kind);
      }
    }
    // The sequence really exercised watering, not just faults.
    expect(opened).toBeGreaterThan(1000);
    // Every stop closes a run that started, with non-negative litres.
    const openRuns = new Map<string, number>();
    for (const e of sim.events) {
      if (e.type === 'water-started') {
        expect(openRuns.has(e.zoneId)).toBe(false);
        openRuns.set(e.zoneId, e.at);
      } else if (e.type === 'water-stopped') {
        expect(openRuns.get(e.zoneId)).toBe(e.startedAt);
        expect(e.litres).toBeGreaterThanOrEqual(0);
        openRuns.delete(e.zoneId);
      }
    }
  });
});

describe('queue order', () => {
  it('puts manual first and treats band and fallback starts as equals (longest waiting first)', () => {
    const band = { zoneId: 'a', rule: 'band-low', waitingSince: 2000, lastStopAt: null, order: 0 } as const;
    const fallback = { zoneId: 'b', rule: 'fallback-et', waitingSince: 1000, lastStopAt: null, order: 1 } as const;
    const manual = { zoneId: 'c', rule: 'manual', waitingSince: 3000, lastStopAt: null, order: 2 } as const;
    expect([band, fallback, manual].sort(byQueueOrder).map((c) => c.zoneId)).toEqual(['c', 'b', 'a']);
    expect(Math.sign(byQueueOrder(band, fallback))).toBe(-Math.sign(byQueueOrder(fallback, band)));
  });
});
