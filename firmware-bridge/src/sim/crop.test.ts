import { describe, expect, it } from 'vitest';
import { CROPS, cropCoefficient, cropStage } from './crop.ts';

describe('FAO-56 crop coefficient curve', () => {
  const melon = CROPS.melon;

  it('is flat at Kc ini through the initial stage, then rises linearly to Kc mid', () => {
    expect(cropCoefficient(melon, 0)).toBe(0.5);
    expect(cropCoefficient(melon, 15)).toBe(0.5);
    expect(cropCoefficient(melon, 15 + 11)).toBeCloseTo((0.5 + 1.05) / 2, 10);
    expect(cropCoefficient(melon, 37)).toBeCloseTo(1.05, 10);
    expect(cropStage(melon, 20)).toBe('development');
  });

  it('holds Kc mid through mid-season, then falls to Kc end', () => {
    expect(cropCoefficient(melon, 50)).toBe(1.05);
    expect(cropCoefficient(melon, 75)).toBeCloseTo(0.75, 10);
    expect(cropCoefficient(melon, 200)).toBe(0.75);
    expect(cropCoefficient(CROPS['cherry-tomato'], 90)).toBe(1.15);
  });
});
