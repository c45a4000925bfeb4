import { describe, expect, it } from 'vitest';
import {
  currentEt0,
  etcLitres,
  extraterrestrialRadiation,
  hargreavesEt0,
  radiationAsEvaporation,
  sunWeight,
  trackTemperature,
} from './et.ts';
import type { DailyTemperatures } from './types.ts';

const EMPTY: DailyTemperatures = { tMin: null, tMax: null, prevTMin: null, prevTMax: null };

describe('extraterrestrial radiation (FAO-56 eqs. 21–25)', () => {
  it('matches FAO-56 example 8: 20°S on 3 September (J = 246) gives 32.2 MJ m⁻² day⁻¹', () => {
    expect(extraterrestrialRadiation(-20, 246)).toBeCloseTo(32.2, 1);
  });

  it('is larger in the local summer than in winter in Hanoi (21°N)', () => {
    const june = extraterrestrialRadiation(21, 172);
    const december = extraterrestrialRadiation(21, 355);
    expect(june).toBeGreaterThan(39);
    expect(december).toBeLessThan(26);
    expect(june - december).toBeGreaterThan(13);
  });

  it('is zero in the polar night and finite in the polar day (sunset angle clamped)', () => {
    expect(extraterrestrialRadiation(80, 355)).toBe(0);
    expect(Number.isFinite(extraterrestrialRadiation(80, 172))).toBe(true);
  });

  it('converts to equivalent evaporation at 0.408 mm per MJ m⁻²', () => {
    expect(radiationAsEvaporation(32.2)).toBeCloseTo(13.14, 2);
  });
});

describe('Hargreaves ET0 (FAO-56 eq. 52)', () => {
  it('is 0.0023 (Tmean + 17.8) √(Tmax − Tmin) Ra', () => {
    // 0.0023 × (26 + 17.8) × √12 × 15 = 5.235 mm/day
    expect(hargreavesEt0(20, 32, 15)).toBeCloseTo(5.235, 3);
  });

  it('is zero with no daily range and never negative', () => {
    expect(hargreavesEt0(28, 28, 15)).toBe(0);
    expect(hargreavesEt0(-30, -25, 5)).toBe(0);
  });
});

describe('crop water use of a zone', () => {
  it('is ET0 × Kc × area × hours/24 litres (1 mm over 1 m² is 1 L)', () => {
    expect(etcLitres(5, 1.2, 10, 6)).toBeCloseTo(15, 10);
    expect(etcLitres(5, 1, 1, 24)).toBe(5);
  });
});

describe('daily temperature tracking', () => {
  it('tracks today’s min and max and moves them to the previous day at local midnight', () => {
    let t = trackTemperature(EMPTY, 25, false);
    t = trackTemperature(t, 31, false);
    t = trackTemperature(t, 22, false);
    expect(t).toEqual({ tMin: 22, tMax: 31, prevTMin: null, prevTMax: null });
    t = trackTemperature(t, 24, true);
    expect(t).toEqual({ tMin: 24, tMax: 24, prevTMin: 22, prevTMax: 31 });
  });

  it('ignores missing and implausible readings (sensor fault codes)', () => {
    let t = trackTemperature(EMPTY, 25, false);
    for (const bad of [null, -127, 85, Number.NaN]) t = trackTemperature(t, bad, false);
    expect(t).toEqual({ tMin: 25, tMax: 25, prevTMin: null, prevTMax: null });
  });

  it('keeps the last complete day when a whole day had no readings', () => {
    let t = trackTemperature(EMPTY, 20, false);
    t = trackTemperature(t, 30, false);
    t = trackTemperature(t, null, true);
    t = trackTemperature(t, null, true);
    expect(t).toEqual({ tMin: null, tMax: null, prevTMin: 20, prevTMax: 30 });
  });

  it('returns the same object when a reading changes nothing (no allocation per step)', () => {
    const t = trackTemperature(trackTemperature(EMPTY, 20, false), 30, false);
    expect(trackTemperature(t, 25, false)).toBe(t);
  });

  it('bases ET0 on the last complete day, on today so far before that, and 0 with no data', () => {
    expect(currentEt0(EMPTY, 15)).toBe(0);
    expect(currentEt0({ tMin: 20, tMax: 32, prevTMin: null, prevTMax: null }, 15)).toBeCloseTo(5.235, 3);
    expect(currentEt0({ tMin: 25, tMax: 25, prevTMin: 20, prevTMax: 32 }, 15)).toBeCloseTo(5.235, 3);
  });
});

describe('sunWeight', () => {
  it('is 0 at night, highest at noon, and 1 on average over the day', () => {
    const doy = 152; // 1 June
    expect(sunWeight(21, doy, 0)).toBe(0);
    expect(sunWeight(21, doy, 12)).toBeGreaterThan(sunWeight(21, doy, 9));
    let sum = 0;
    for (let minute = 0; minute < 1440; minute++) sum += sunWeight(21, doy, (minute + 0.5) / 60);
    expect(sum / 1440).toBeCloseTo(1, 3);
  });
});
