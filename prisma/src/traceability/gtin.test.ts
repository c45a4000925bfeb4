import { describe, expect, it } from 'vitest';
import { gtinCheckDigit, isValidGtin, toGtin14 } from './gtin.ts';

// Published examples: EAN-8 and EAN-13 and UPC-A from their standards' worked examples, and the
// GTIN-14 of GS1's own Digital Link examples.
const valid = {
  'GTIN-8': '73513537',
  'GTIN-12': '036000291452',
  'GTIN-13': '4006381333931',
  'GTIN-14': '09506000134352',
};

describe('GTIN check digits', () => {
  it.each(Object.entries(valid))('accepts a valid %s (%s)', (_, gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each(Object.entries(valid))('refuses a %s whose check digit is wrong', (_, gtin) => {
    const last = Number(gtin.at(-1));
    for (let wrong = 0; wrong <= 9; wrong++) {
      if (wrong === last) continue;
      expect(isValidGtin(gtin.slice(0, -1) + wrong)).toBe(false);
    }
  });

  it('refuses a GTIN with one digit mistyped', () => {
    const gtin = valid['GTIN-13'];
    for (let i = 0; i < gtin.length - 1; i++) {
      const digit = Number(gtin[i]);
      const typo = gtin.slice(0, i) + ((digit + 1) % 10) + gtin.slice(i + 1);
      expect(isValidGtin(typo), typo).toBe(false);
    }
  });

  it('computes the check digit of a body (weights 3,1 from the right)', () => {
    expect(gtinCheckDigit('400638133393')).toBe(1);
    expect(gtinCheckDigit('0950600013435')).toBe(2);
    expect(gtinCheckDigit('7351353')).toBe(7);
  });

  it.each([
    '',
    '1234567',
    '123456789',
    '12345678901',
    '123456789012345',
    '4006381333931 ',
    '400638133393A',
    '+4006381333931',
  ])('refuses %j: not 8, 12, 13 or 14 digits', (value) => {
    expect(isValidGtin(value)).toBe(false);
  });

  it('pads every valid GTIN to 14 digits with leading zeros (toGtin14)', () => {
    expect(toGtin14(valid['GTIN-8'])).toBe('00000073513537');
    expect(toGtin14(valid['GTIN-12'])).toBe('00036000291452');
    expect(toGtin14(valid['GTIN-13'])).toBe('04006381333931');
    expect(toGtin14(valid['GTIN-14'])).toBe('09506000134352');
    for (const gtin of Object.values(valid)) expect(isValidGtin(toGtin14(gtin))).toBe(true);
  });

  it('toGtin14 refuses a GTIN with a bad check digit instead of padding it', () => {
    expect(() => toGtin14('4006381333932')).toThrow(RangeError);
    expect(() => toGtin14('12345')).toThrow(RangeError);
  });
});
