import { describe, expect, it } from 'vitest';
import { newSoil, soilStep, stressThreshold, waterStressCoefficient, type SoilParams } from './soil.ts';
import { ALL_CLOSED, DAY, HOUR, MINUTE, greenhouse, open, run, zone } from './testkit.ts';
import { readings } from './greenhouse.ts';

const LOAM: SoilParams = { fieldCapacity: 25, wiltingPoint: 12, rootDepthM: 0.3, p: 0.4, wettedFraction: 1 };

describe('soil water balance', () => {
  it('drains water above field capacity away instead of storing it', () => {
    const z = newSoil(30);
    for (let i = 0; i < 24 * 60; i++) soilStep(z, LOAM, MINUTE, 0, 0);
    expect(z.theta).toBeGreaterThan(25);
    expect(z.theta).toBeLessThan(25.01);
    // 5 % VWC over 0.3 m is 15 mm: all of it drained.
    expect(z.drainedMm).toBeCloseTo(15, 1);
  });

  it('never drains below field capacity', () => {
    const z = newSoil(24);
    for (let i = 0; i < 48; i++) soilStep(z, LOAM, HOUR, 0, 0);
    expect(z.theta).toBe(24);
    expect(z.drainedMm).toBe(0);
  });

  it('never gains water from evapotranspiration', () => {
    const gh = greenhouse();
    let last = zone(gh, 'a').soil.theta;
    for (let i = 0; i < 5 * 24 * 60; i++) {
      run(gh, MINUTE, MINUTE, ALL_CLOSED);
      const theta = zone(gh, 'a').soil.theta;
      expect(theta).toBeLessThanOrEqual(last);
      last = theta;
    }
    expect(last).toBeLessThan(25);
  });

  it('keeps the books: applied water = change in storage + ET + drainage + water still soaking in', () => {
    const gh = greenhouse();
    const z = zone(gh, 'a');
    const start = z.soil.theta;
    run(gh, 2 * HOUR, 5_000, open('a'));
    run(gh, 3 * DAY, MINUTE, ALL_CLOSED);
    run(gh, 90 * MINUTE, 10_000, open('a'));
    const s = z.soil;
    const storage = (s.theta - start) * 0.3 * 10;
    expect(s.appliedMm).toBeCloseTo(storage + s.actualEtMm + s.drainedMm + s.soakingMm, 6);
    expect(s.appliedMm * 100).toBeCloseTo(z.litres, 6);
  });

  it('flags stress below θt = FC − p (FC − WP) and transpires less there (FAO-56 Ks)', () => {
    expect(stressThreshold(LOAM)).toBeCloseTo(25 - 0.4 * 13, 10);
    expect(waterStressCoefficient(20, LOAM)).toBe(1);
    expect(waterStressCoefficient(12, LOAM)).toBe(0);
    expect(waterStressCoefficient((19.8 + 12) / 2, LOAM)).toBeCloseTo(0.5, 10);

    const gh = greenhouse();
    zone(gh, 'a').soil.theta = 22;
    zone(gh, 'b').soil.theta = 15;
    run(gh, 14 * HOUR, MINUTE, ALL_CLOSED); // to 14:00, through the morning's ET
    const r = readings(gh).zones;
    expect(r.a?.stressed).toBe(false);
    expect(r.b?.stressed).toBe(true);
    expect(zone(gh, 'b').soil.stressMs).toBe(14 * HOUR);
    // Same crop and weather: the dry zone used less water than its potential, the moist one all of it.
    const a = zone(gh, 'a').soil;
    const b = zone(gh, 'b').soil;
    expect(a.actualEtMm).toBeCloseTo(a.potentialEtcMm, 10);
    expect(b.actualEtMm).toBeLessThan(0.5 * b.potentialEtcMm);
  });

  it('soaks irrigation into the root zone over minutes, not at once', () => {
    const gh = greenhouse();
    const z = zone(gh, 'a');
    z.soil.theta = 20;
    run(gh, 20 * MINUTE, 5_000, open('a')); // 100 L over 100 m²: 1 mm, or 0.33 % VWC over 0.3 m
    const rise = z.soil.theta - 20;
    expect(rise).toBeLessThan(0.33);
    run(gh, 60 * MINUTE, 5_000, ALL_CLOSED);
    expect(z.soil.theta - 20).toBeGreaterThan(rise);
    expect(z.soil.soakingMm).toBeLessThan(0.01);
  });
});

describe('drip wetted fraction', () => {
  it('stores water only in the wetted strip: half the strip, twice the rise per litre', () => {
    const full = newSoil(20);
    const half = newSoil(20);
    soilStep(full, LOAM, MINUTE, 1, 0);
    soilStep(half, { ...LOAM, wettedFraction: 0.5 }, MINUTE, 1, 0);
    for (let i = 0; i < 120; i++) {
      soilStep(full, LOAM, MINUTE, 0, 0);
      soilStep(half, { ...LOAM, wettedFraction: 0.5 }, MINUTE, 0, 0);
    }
    expect(half.theta - 20).toBeCloseTo(2 * (full.theta - 20), 6);
  });
});
