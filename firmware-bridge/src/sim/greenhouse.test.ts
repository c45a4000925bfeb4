import { describe, expect, it } from 'vitest';
import { advance, cropCoefficientAt, readings, truth } from './greenhouse.ts';
import { weatherDay } from './weather.ts';
import { ALL_CLOSED, DAY, HOUR, MINUTE, greenhouse, open, run, zone, zoneSpec } from './testkit.ts';

/** A fixed relay programme: zone a 06:00–06:40, zone b 07:00–07:30, every day. */
function programme(t: number) {
  const minuteOfDay = Math.floor(((t + 7 * HOUR) % DAY) / MINUTE);
  if (minuteOfDay >= 360 && minuteOfDay < 400) return open('a');
  if (minuteOfDay >= 420 && minuteOfDay < 450) return open('b');
  return ALL_CLOSED;
}

describe('virtual greenhouse', () => {
  it('replays exactly: same seed and same outputs give the same readings', () => {
    const trace = (seed: number) => {
      const gh = greenhouse({ seed });
      const out: unknown[] = [];
      for (let i = 0; i < 3 * 24 * 60; i++) {
        advance(gh, MINUTE, programme(gh.now));
        if (i % 97 === 0) out.push(readings(gh));
      }
      return out;
    };
    expect(trace(9)).toEqual(trace(9));
    expect(trace(9)).not.toEqual(trace(10));
  });

  it('tells the same story with 10 ms steps as with 60 s steps', () => {
    const fine = greenhouse();
    const coarse = greenhouse();
    zone(fine, 'a').soil.theta = 24.8;
    zone(coarse, 'a').soil.theta = 24.8;
    // From 09:00: 30 minutes watering (1.5 mm, through field capacity), then an hour draining.
    run(fine, 9 * HOUR, MINUTE, ALL_CLOSED);
    run(coarse, 9 * HOUR, MINUTE, ALL_CLOSED);
    run(fine, 30 * MINUTE, 10, open('a'));
    run(coarse, 30 * MINUTE, MINUTE, open('a'));
    run(fine, HOUR, 10, ALL_CLOSED);
    run(coarse, HOUR, MINUTE, ALL_CLOSED);
    const f = zone(fine, 'a');
    const c = zone(coarse, 'a');
    expect(fine.now).toBe(coarse.now);
    expect(f.litres).toBeCloseTo(c.litres, 9);
    // Only the splitting of soaking, ET and drainage within a step differs: < 0.001 % VWC.
    expect(f.soil.theta).toBeCloseTo(c.soil.theta, 3);
    expect(f.soil.drainedMm).toBeGreaterThan(0.05);
    expect(f.soil.drainedMm).toBeCloseTo(c.soil.drainedMm, 2);
    expect(f.soil.actualEtMm).toBeCloseTo(c.soil.actualEtMm, 3);
  });

  it('cuts a long advance into minute sub-steps with the same result', () => {
    const one = greenhouse();
    const many = greenhouse();
    advance(one, 6 * HOUR, ALL_CLOSED);
    run(many, 6 * HOUR, MINUTE, ALL_CLOSED);
    expect(one.now).toBe(many.now);
    expect(zone(one, 'a').soil).toEqual(zone(many, 'a').soil);
  });

  it('rejects a zone given twice or a calibration with one point', () => {
    expect(() => greenhouse({ zones: [zoneSpec('a'), zoneSpec('a')] })).toThrow(/twice/);
    const flat = zoneSpec('a', { sensor: { rawDry: 500, rawWet: 500 } });
    expect(() => greenhouse({ zones: [flat] })).toThrow(/calibration/);
  });

  it('reports the truth beside the readings: θ, stress threshold, potential and actual ET', () => {
    const gh = greenhouse();
    run(gh, DAY, MINUTE, ALL_CLOSED);
    const t = truth(gh).zones.a;
    expect(readings(gh).zones.a?.trueMoisture).toBe(t?.moisture);
    expect(readings(gh).zones.a?.stressed).toBe(false);
    expect(t?.stressThreshold).toBeCloseTo(19.8, 10);
    expect(t?.moisture).toBeLessThan(25);
    expect(t?.potentialEtcLitres).toBeGreaterThan(0);
    expect(t?.actualEtLitres).toBeCloseTo(t?.potentialEtcLitres ?? NaN, 6);
  });

  it('spins up before its start: earlier clock, the same weather from the start on, fallow beds before transplanting', () => {
    const zones = [zoneSpec('a', { cropDayAtStart: 0 }), zoneSpec('b', { cropDayAtStart: 10, nominalFlowLpm: 8 })];
    const plain = greenhouse({ zones });
    const spun = greenhouse({ zones, spinUpDays: 3 });
    expect(spun.now).toBe(plain.now - 3 * DAY);
    for (let d = 0; d < 10; d++) expect(weatherDay(spun.weather, d)).toEqual(weatherDay(plain.weather, d));
    expect(weatherDay(spun.weather, -1).index).toBe(-1);
    run(spun, 3 * DAY, MINUTE, ALL_CLOSED);
    expect(spun.now).toBe(plain.now);
    // Zone a is transplanted at the start: until then its bed neither loses nor gets water.
    expect(zone(spun, 'a').soil.theta).toBe(25);
    expect(zone(spun, 'a').soil.potentialEtcMm).toBe(0);
    expect(cropCoefficientAt(spun, zone(spun, 'a'), spun.now - MINUTE)).toBe(0);
    // Zone b was planted 7 days before the spin-up began: it has used water for 3 days.
    expect(zone(spun, 'b').soil.potentialEtcMm).toBeGreaterThan(3);
    expect(zone(spun, 'b').soil.theta).toBeLessThan(25);
    expect(truth(spun).zones.a?.cropCoefficient).toBe(0.5);
    expect(() => greenhouse({ spinUpDays: 1.5 })).toThrow(/spinUpDays/);
  });
});
