import { describe, expect, it } from 'vitest';
import { initialState, shutdown, step } from './controller.ts';
import { openRunRecords, recoverInterrupted } from './runs.ts';
import { zoneSettingsProblems } from './settings.ts';
import { HOUR, MINUTE, SECOND, T0, makeSim, ofType, profile, prng, settingsFor } from './testkit.ts';
import type { ControlEvent, Inputs, Outputs } from './types.ts';

describe('shutdown', () => {
  it('closes every valve, the pump and the master valve, and logs a shutdown stop for each open run', () => {
    const sim = makeSim({ zones: [profile('a'), profile('b'), profile('c')] });
    sim.zone('a').moisture = 20;
    sim.zone('b').moisture = 20;
    sim.tick();
    const startedAt = sim.now;
    sim.run(MINUTE);
    const result = shutdown(sim.state, sim.now + 50);
    expect(result.outputs).toEqual({ valves: { a: false, b: false, c: false }, pump: false, masterValve: false });
    expect(result.events).toHaveLength(2);
    expect(result.events).toMatchObject([
      { type: 'water-stopped', zoneId: 'a', rule: 'shutdown', startedAt },
      { type: 'water-stopped', zoneId: 'b', rule: 'shutdown', startedAt },
    ]);
    expect(ofType(result.events, 'water-stopped')[0]?.litres).toBeCloseTo(10, 0);
    expect(openRunRecords(result.state)).toEqual([]);
  });
});

describe('interrupted runs', () => {
  it('the bridge persists open runs as plain JSON and closes them at the next start with rule interrupted', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 20;
    sim.tick();
    const startedAt = sim.now;
    sim.run(MINUTE);
    const records = JSON.parse(JSON.stringify(openRunRecords(sim.state))) as ReturnType<typeof openRunRecords>;
    expect(records).toEqual([
      {
        zoneId: 'a',
        rule: 'band-low',
        startedAt,
        litresAtStart: 0,
        litresLastSeen: expect.closeTo(10, 0),
        lastSeenAt: sim.now,
      },
    ]);
    // Power cut; the bridge starts again an hour later.
    const restart = sim.now + HOUR;
    const [record] = records;
    expect(record && recoverInterrupted(record, restart)).toEqual({
      type: 'water-stopped',
      at: restart,
      zoneId: 'a',
      rule: 'interrupted',
      litres: record?.litresLastSeen,
      startedAt,
      moisture: null,
    });
  });
});

describe('determinism', () => {
  it('the same inputs give the same outputs, events and state, and the input state is left untouched', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const config = {
      zones: ids.map((id) => profile(id)),
      settings: Object.fromEntries(ids.map((id) => [id, settingsFor({ maxRunMinutes: 5, minSoakMinutes: 2 })])),
      limits: makeSim().config.limits,
      latitude: 10.8,
    };
    const random = prng(7);
    const inputs: Inputs[] = [];
    const totals = [0, 0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      const now = T0 + i * 500;
      const zones: Inputs['zones'] = {};
      ids.forEach((id, k) => {
        const flow = random() < 0.5 ? 10 : 0;
        totals[k] = (totals[k] ?? 0) + flow / 120;
        zones[id] = {
          moisture: 15 + random() * 30,
          moistureRaw: Math.floor(random() * 1024),
          moistureAt: now - Math.floor(random() * 300),
          flowLpm: flow,
          litresTotal: totals[k] ?? 0,
        };
      });
      const commands: Inputs['commands'] = random() < 0.01 ? [{ kind: 'run', zoneId: 'b', minutes: 2 }] : [];
      inputs.push({ now, zones, site: { mainFlowLpm: null, temperature: 20 + random() * 15, humidity: 60 }, commands });
    }
    const drive = () => {
      let state = initialState(config.zones, config.settings, T0);
      const log: { outputs: Outputs; events: ControlEvent[] }[] = [];
      for (const input of inputs) {
        const before = JSON.stringify(state);
        const result = step(state, input, config);
        expect(JSON.stringify(state)).toBe(before);
        log.push({ outputs: result.outputs, events: result.events });
        state = result.state;
      }
      return { log, state };
    };
    const first = drive();
    const second = drive();
    expect(second).toEqual(first);
    expect(first.log.some((l) => l.events.length > 0)).toBe(true);
  });
});

describe('configuration changes', () => {
  it('a zone removed from the configuration while open is closed with off', () => {
    const sim = makeSim({ zones: [profile('a'), profile('b')] });
    sim.zone('a').moisture = 20;
    sim.tick();
    sim.config.zones = [profile('b')];
    const result = sim.tick();
    expect(result.outputs.valves.a).toBe(false);
    expect(result.events).toMatchObject([{ type: 'water-stopped', zoneId: 'a', rule: 'off' }]);
    expect(result.state.zones.a).toBeUndefined();
  });

  it('a zone without settings never opens', () => {
    const sim = makeSim();
    delete sim.config.settings.a;
    sim.zone('a').moisture = 20;
    sim.run(10 * SECOND);
    expect(sim.isOpen('a')).toBe(false);
  });

  it('time running backwards (a clock correction) breaks nothing', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 20;
    sim.tick();
    sim.tick(-5 * MINUTE);
    sim.run(MINUTE);
    expect(sim.isOpen('a')).toBe(true);
    expect(sim.state.zones.a?.etcDebtLitres).toBeGreaterThanOrEqual(0);
  });
});

describe('settings checks', () => {
  it('accepts the defaults used in these tests', () => {
    expect(zoneSettingsProblems(settingsFor())).toEqual([]);
  });

  it('names each problem', () => {
    const problems = zoneSettingsProblems(
      settingsFor({
        moistureLow: 40,
        moistureHigh: 30,
        maxRunMinutes: 0,
        minSoakMinutes: -1,
        dailyBudgetLitres: Number.NaN,
        windows: [{ from: '6:00', to: '08:00' }],
      }),
    );
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/moistureLow must be below moistureHigh/);
  });
});
