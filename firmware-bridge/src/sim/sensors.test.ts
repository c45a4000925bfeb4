import { describe, expect, it } from 'vitest';
import { advance, readings, truth } from './greenhouse.ts';
import { clearFault, setFault, activeFaults } from './faults.ts';
import { moistureFromRaw, rawFromMoisture } from './sensors.ts';
import { ALL_CLOSED, MINUTE, greenhouse, run, zone } from './testkit.ts';

const CAL = { rawDry: 800, rawWet: 330 };

describe('moisture sensor', () => {
  it('reads the calibration points: 800 counts dry, 330 at 50 % VWC, fewer counts when wetter', () => {
    expect(rawFromMoisture(CAL, 0)).toBe(800);
    expect(rawFromMoisture(CAL, 50)).toBe(330);
    expect(rawFromMoisture(CAL, 30)).toBeLessThan(rawFromMoisture(CAL, 20));
  });

  it('round-trips moisture → raw → moisture to within half an ADC count', () => {
    const halfCount = 50 / (800 - 330) / 2;
    for (let m = 5; m <= 45; m += 0.37) {
      expect(Math.abs(moistureFromRaw(CAL, Math.round(rawFromMoisture(CAL, m))) - m)).toBeLessThanOrEqual(halfCount);
    }
  });

  it('stays within ±2 counts of the true value and never holds one value for minutes', () => {
    const gh = greenhouse();
    const seen = new Set<number>();
    for (let i = 0; i < 180; i++) {
      advance(gh, 5_000, ALL_CLOSED);
      const z = zone(gh, 'a');
      const raw = readings(gh).zones.a?.moistureRaw ?? NaN;
      expect(Math.abs(raw - rawFromMoisture(z.spec.sensor, z.soil.theta))).toBeLessThanOrEqual(2.5);
      seen.add(raw);
      if (i % 12 === 11) {
        expect(seen.size).toBeGreaterThan(1); // every minute, more than one value
        seen.clear();
      }
    }
  });

  it('samples at its sampling period, so a 10 ms loop sees a sample at most 100 ms old', () => {
    const gh = greenhouse();
    for (let i = 0; i < 100; i++) {
      advance(gh, 10, ALL_CLOSED);
      const r = readings(gh);
      expect(r.now - (r.zones.a?.moistureAt ?? 0)).toBeLessThan(100);
    }
  });

  it('spreads ±80 counts when noisy', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'sensor-noisy', zoneId: 'a' });
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 500; i++) {
      advance(gh, 1_000, ALL_CLOSED);
      const z = zone(gh, 'a');
      const d = (readings(gh).zones.a?.moistureRaw ?? NaN) - rawFromMoisture(z.spec.sensor, z.soil.theta);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    expect(min).toBeGreaterThanOrEqual(-80.5);
    expect(max).toBeLessThanOrEqual(80.5);
    expect(max - min).toBeGreaterThan(120);
  });

  it('freezes its raw value when stuck, while the soil keeps drying', () => {
    const gh = greenhouse();
    run(gh, MINUTE, 5_000, ALL_CLOSED);
    setFault(gh, { kind: 'sensor-stuck', zoneId: 'a' });
    const frozen = readings(gh).zones.a?.moistureRaw;
    run(gh, 20 * 60 * 1000, 5_000, ALL_CLOSED);
    const r = readings(gh);
    expect(r.zones.a?.moistureRaw).toBe(frozen);
    expect(r.zones.a?.moistureAt).toBe(r.now); // still sampled: fresh but frozen
    clearFault(gh, { kind: 'sensor-stuck', zoneId: 'a' });
    run(gh, MINUTE, 5_000, ALL_CLOSED);
    expect(activeFaults(gh)).toEqual([]);
  });

  it('floats to a rail when unplugged, far outside any soil’s moisture', () => {
    const gh = greenhouse();
    setFault(gh, { kind: 'sensor-unplugged', zoneId: 'a', reads: 'high' });
    setFault(gh, { kind: 'sensor-unplugged', zoneId: 'b', reads: 'low' });
    advance(gh, 5_000, ALL_CLOSED);
    const r = readings(gh);
    expect(r.zones.a?.moistureRaw).toBe(1023);
    expect(r.zones.a?.moisture).toBeLessThan(0);
    expect(r.zones.b?.moistureRaw).toBe(0);
    expect(r.zones.b?.moisture).toBeGreaterThan(60);
  });

  it('stops reporting when unplugged with nothing read: the last sample ages', () => {
    const gh = greenhouse();
    advance(gh, 5_000, ALL_CLOSED);
    const at = readings(gh).zones.a?.moistureAt;
    setFault(gh, { kind: 'sensor-unplugged', zoneId: 'a', reads: 'nothing' });
    run(gh, MINUTE, 5_000, ALL_CLOSED);
    const r = readings(gh);
    expect(r.zones.a?.moistureAt).toBe(at);
    expect(r.now - (r.zones.a?.moistureAt ?? 0)).toBe(MINUTE);
    expect(r.zones.b?.moistureAt).toBe(r.now);
  });
});

describe('air sensors', () => {
  it('read the weather with small noise', () => {
    const gh = greenhouse();
    for (let i = 0; i < 200; i++) {
      advance(gh, 7 * MINUTE, ALL_CLOSED);
      const r = readings(gh);
      const t = truth(gh);
      expect(Math.abs(r.temperature - t.temperature)).toBeLessThanOrEqual(0.36);
      expect(Math.abs(r.humidity - t.humidity)).toBeLessThanOrEqual(1.56);
    }
  });
});
