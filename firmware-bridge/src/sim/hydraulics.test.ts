import { describe, expect, it } from 'vitest';
import { advance, readings } from './greenhouse.ts';
import { clearFault, setFault } from './faults.ts';
import { ALL_CLOSED, MINUTE, greenhouse, open, run, zone } from './testkit.ts';

describe('valves, pump and meters', () => {
  it('gives one open zone its nominal flow', () => {
    const gh = greenhouse();
    advance(gh, 5_000, open('a'));
    const r = readings(gh);
    expect(r.zones.a?.flowLpm).toBe(5);
    expect(r.zones.b?.flowLpm).toBe(0);
    expect(r.mainFlowLpm).toBe(5);
  });

  it('shares the pump capacity between open valves in proportion to their nominal flows', () => {
    const gh = greenhouse(); // a 5 + b 8 = 13 L/min wanted from a 12 L/min pump
    advance(gh, 5_000, open('a', 'b'));
    const r = readings(gh);
    expect(r.zones.a?.flowLpm).toBeCloseTo((5 * 12) / 13, 10);
    expect(r.zones.b?.flowLpm).toBeCloseTo((8 * 12) / 13, 10);
    expect(r.mainFlowLpm).toBeCloseTo(12, 10);
  });

  it('caps each valve at its nominal flow when the pump has room to spare', () => {
    const gh = greenhouse({ pumpCapacityLpm: 40 });
    advance(gh, 5_000, open('a', 'b'));
    expect(readings(gh).mainFlowLpm).toBe(13);
  });

  it('counts whole pulses at the meter’s pulses per litre', () => {
    const gh = greenhouse();
    run(gh, 2 * MINUTE, 100, open('a')); // 10 L
    const r = readings(gh);
    expect(r.zones.a?.pulses).toBe(4500);
    expect(r.zones.a?.litresTotal).toBe(10);
    expect(r.mainPulses).toBe(1000);
    expect(r.mainLitresTotal).toBe(10);
    advance(gh, 100, open('a')); // 1/120 L: 3.75 more pulses, of which the meter shows 3
    expect(readings(gh).zones.a?.pulses).toBe(4503);
  });

  it('delivers nothing without the pump or the master valve', () => {
    const gh = greenhouse();
    advance(gh, 5_000, { valves: { a: true }, pump: false, masterValve: true });
    expect(readings(gh).zones.a?.flowLpm).toBe(0);
    advance(gh, 5_000, { valves: { a: true }, pump: true, masterValve: false });
    expect(readings(gh).zones.a?.flowLpm).toBe(0);
  });

  it('delivers nothing when the pump is dead, until it is fixed', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'pump-dead' });
    advance(gh, 5_000, open('a'));
    expect(readings(gh).zones.a?.flowLpm).toBe(0);
    expect(readings(gh).mainFlowLpm).toBe(0);
    clearFault(gh, { kind: 'pump-dead' });
    advance(gh, 5_000, open('a'));
    expect(readings(gh).zones.a?.flowLpm).toBe(5);
  });

  it('delivers nothing, not even a leak, when the tank is empty', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'tank-empty' });
    setFault(gh, { kind: 'leak', lpm: 3 });
    advance(gh, 5_000, open('a'));
    expect(readings(gh).zones.a?.flowLpm).toBe(0);
    expect(readings(gh).mainFlowLpm).toBe(0);
  });

  it('gives a zone whose valve is stuck shut no water while the others still get theirs', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'valve-stuck-shut', zoneId: 'a' });
    const before = zone(gh, 'a').soil.appliedMm;
    run(gh, 10 * MINUTE, 5_000, open('a', 'b'));
    const r = readings(gh);
    expect(r.zones.a?.flowLpm).toBe(0);
    expect(r.zones.b?.flowLpm).toBe(8);
    expect(zone(gh, 'a').soil.appliedMm).toBe(before);
  });

  it('waters a zone whose valve is stuck open whenever the pump runs for another zone', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'valve-stuck-open', zoneId: 'a' });
    advance(gh, 5_000, ALL_CLOSED);
    expect(readings(gh).zones.a?.flowLpm).toBe(0);
    advance(gh, 5_000, open('b'));
    expect(readings(gh).zones.a?.flowLpm).toBeGreaterThan(0);
  });

  it('shows a main-line leak on the main meter with every valve closed and the pump off', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'leak', lpm: 2 });
    run(gh, MINUTE, 5_000, ALL_CLOSED);
    const r = readings(gh);
    expect(r.mainFlowLpm).toBe(2);
    expect(r.mainLitresTotal).toBeCloseTo(2, 2);
    expect(r.zones.a?.flowLpm).toBe(0);
    expect(r.zones.b?.flowLpm).toBe(0);
    clearFault(gh, { kind: 'leak' });
    advance(gh, 5_000, ALL_CLOSED);
    expect(readings(gh).mainFlowLpm).toBe(0);
  });
});
