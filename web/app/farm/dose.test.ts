import { describe, expect, it } from 'vitest';
import { doseText, parseDecimal, withinMaximum } from './dose.ts';

describe('doses', () => {
  it('reads a decimal comma as a Vietnamese phone types it', () => {
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('0.75')).toBe(0.75);
  });

  it('says a dose with a decimal comma in Vietnamese and a point in English', () => {
    expect(doseText(1.5, 'ML_PER_L')).toEqual({ vi: '1,5 ml/L', en: '1.5 ml/L' });
    expect(doseText(200, 'KG_PER_HA')).toEqual({ vi: '200 kg/ha', en: '200 kg/ha' });
  });

  it('allows the maximum itself and refuses a thousandth above it', () => {
    expect(withinMaximum(0.3, 0.1 + 0.2)).toBe(true);
    expect(withinMaximum(1.5, 1.5)).toBe(true);
    expect(withinMaximum(1.501, 1.5)).toBe(false);
  });
});
