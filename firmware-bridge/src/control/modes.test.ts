import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, makeSim, ofType, profile } from './testkit.ts';
import type { ZoneCommand } from './types.ts';

describe('manual run', () => {
  it('opens at once for N minutes and stops with manual-expired, back to auto', () => {
    const sim = makeSim();
    sim.command({ kind: 'run', zoneId: 'a', minutes: 5 });
    const startedAt = sim.now;
    expect(sim.isOpen('a')).toBe(true);
    expect(ofType(sim.events, 'water-started')).toMatchObject([{ rule: 'manual' }]);
    sim.run(6 * MINUTE);
    const [stop] = ofType(sim.events, 'water-stopped');
    expect(stop).toMatchObject({ rule: 'manual-expired', startedAt, at: startedAt + 5 * MINUTE });
    expect(stop?.litres).toBeCloseTo(50, 0);
    expect(sim.state.zones.a?.mode).toEqual({ kind: 'auto' });
  });

  it('ignores the band: waters a wet zone', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 50;
    sim.command({ kind: 'run', zoneId: 'a', minutes: 5 });
    sim.run(4 * MINUTE);
    expect(sim.isOpen('a')).toBe(true);
  });

  it('stop ends it with manual-stop', () => {
    const sim = makeSim();
    sim.command({ kind: 'run', zoneId: 'a', minutes: 5 });
    sim.run(MINUTE);
    sim.command({ kind: 'stop', zoneId: 'a' });
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['manual-stop']);
  });

  it('stop also ends an automatic run, and the soak then holds the next start', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 20;
    sim.tick();
    sim.command({ kind: 'stop', zoneId: 'a' });
    sim.run(10 * MINUTE);
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['manual-stop']);
  });

  it('a run command on an open automatic run keeps the valve open and makes it the manual one', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 20;
    sim.tick();
    sim.command({ kind: 'run', zoneId: 'a', minutes: 10 });
    sim.run(9 * MINUTE);
    expect(sim.isOpen('a')).toBe(true); // the 20 L ET allowance would have stopped an automatic run
    sim.run(2 * MINUTE);
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['manual-expired']);
  });
});

describe('pause, off and auto', () => {
  it('pause closes the zone, holds it, and resumes automatically at `until`', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 20;
    sim.tick();
    const until = sim.now + 2 * HOUR;
    sim.command({ kind: 'pause', zoneId: 'a', until });
    expect(sim.isOpen('a')).toBe(false);
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['paused']);
    sim.run(2 * HOUR - 200);
    expect(sim.isOpen('a')).toBe(false);
    sim.run(200);
    expect(sim.isOpen('a')).toBe(true);
    const modes = ofType(sim.events, 'mode-changed');
    expect(modes.map((e) => e.mode.kind)).toEqual(['paused', 'auto']);
    expect(modes[1]).toMatchObject({ at: until, reason: 'pause ended' });
  });

  it('resume ends a pause early', () => {
    const sim = makeSim();
    sim.command({ kind: 'pause', zoneId: 'a', until: sim.now + HOUR });
    sim.zone('a').moisture = 20;
    sim.run(MINUTE);
    expect(sim.isOpen('a')).toBe(false);
    sim.command({ kind: 'resume', zoneId: 'a' });
    expect(sim.isOpen('a')).toBe(true);
  });

  it('off closes the zone with off and keeps it closed until auto', () => {
    const sim = makeSim();
    sim.zone('a').moisture = 20;
    sim.tick();
    sim.command({ kind: 'off', zoneId: 'a' });
    expect(ofType(sim.events, 'water-stopped').map((e) => e.rule)).toEqual(['off']);
    sim.run(24 * HOUR, 1000);
    expect(sim.isOpen('a')).toBe(false);
    sim.command({ kind: 'auto', zoneId: 'a' });
    expect(sim.isOpen('a')).toBe(true);
  });
});

describe('command validation', () => {
  const refused: [string, ZoneCommand, RegExp][] = [
    ['an unknown zone', { kind: 'run', zoneId: 'nope', minutes: 5 }, /unknown zone/],
    ['a zone name from Object.prototype', { kind: 'off', zoneId: 'constructor' }, /unknown zone/],
    ['0 minutes', { kind: 'run', zoneId: 'a', minutes: 0 }, /minutes/],
    ['241 minutes', { kind: 'run', zoneId: 'a', minutes: 241 }, /minutes/],
    ['NaN minutes', { kind: 'run', zoneId: 'a', minutes: Number.NaN }, /minutes/],
    ['a pause until the past', { kind: 'pause', zoneId: 'a', until: 0 }, /future/],
    [
      'an ack of an alarm that clears by itself',
      { kind: 'acknowledge', alarmKind: 'sensor-stale', zoneId: 'a' },
      /by itself/,
    ],
    ['an ack of a leak that is not latched', { kind: 'acknowledge', alarmKind: 'leak', zoneId: null }, /no leak/],
    [
      'an ack of no-flow on a zone without it',
      { kind: 'acknowledge', alarmKind: 'no-flow', zoneId: 'a' },
      /no no-flow/,
    ],
    ['an ack of no-flow without a zone', { kind: 'acknowledge', alarmKind: 'no-flow', zoneId: null }, /name the zone/],
  ];
  it.each(refused)('refuses %s with a reason and applies nothing', (_name, command, reason) => {
    // Two identical greenhouses; one gets the command. Nothing but the refusal may differ.
    const sim = makeSim();
    const twin = makeSim();
    sim.tick();
    twin.tick();
    const result = sim.command(command);
    const without = twin.tick();
    expect(result.events).toEqual([
      { type: 'command-refused', at: sim.now, command, reason: expect.stringMatching(reason) },
    ]);
    expect(result.state).toEqual(without.state);
    expect(result.outputs).toEqual(without.outputs);
  });

  it('refuses a run on an off or paused zone: the farmer resumes it first', () => {
    const sim = makeSim({ zones: [profile('a'), profile('b')] });
    sim.command({ kind: 'off', zoneId: 'a' }, { kind: 'pause', zoneId: 'b', until: sim.now + HOUR });
    sim.command({ kind: 'run', zoneId: 'a', minutes: 5 }, { kind: 'run', zoneId: 'b', minutes: 5 });
    expect(ofType(sim.events, 'command-refused').map((e) => e.reason)).toEqual([
      'zone is off: set it to auto first',
      'zone is paused: resume it first',
    ]);
    expect(sim.isOpen('a') || sim.isOpen('b')).toBe(false);
  });

  it('applies the valid commands of a batch and refuses only the bad one', () => {
    const sim = makeSim({ zones: [profile('a'), profile('b')] });
    sim.command({ kind: 'run', zoneId: 'a', minutes: 500 }, { kind: 'run', zoneId: 'b', minutes: 5 });
    expect(sim.isOpen('a')).toBe(false);
    expect(sim.isOpen('b')).toBe(true);
  });
});
