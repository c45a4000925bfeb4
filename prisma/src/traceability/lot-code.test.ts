import { describe, expect, it } from 'vitest';
import { isValidFarmCode, isValidLotCode, makeLotCode, normalizeLotCode } from './lot-code.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 12:00 on 28 November 2026 in Vietnam. */
const noonNov28 = new Date('2026-11-28T05:00:00Z');

describe('makeLotCode', () => {
  it('writes farm code, packing day (YYMMDD), two-digit number and a check character', () => {
    const code = makeLotCode({ farmCode: 'XH', packedOn: noonNov28, sequence: 1 });
    expect(code).toMatch(/^XH-261128-01-[0-9A-HJKMNP-TV-Z]$/);
    expect(isValidLotCode(code)).toBe(true);
  });

  it('uses the packing day in Vietnam, not in UTC', () => {
    // 18:00 UTC on the 27th is 01:00 on the 28th in Vietnam.
    expect(makeLotCode({ farmCode: 'XH', packedOn: new Date('2026-11-27T18:00:00Z'), sequence: 1 })).toMatch(
      /^XH-261128-01-/,
    );
    // 16:59 UTC on the 28th is 23:59 on the 28th in Vietnam.
    expect(makeLotCode({ farmCode: 'XH', packedOn: new Date('2026-11-28T16:59:00Z'), sequence: 1 })).toMatch(
      /^XH-261128-01-/,
    );
    expect(makeLotCode({ farmCode: 'XH', packedOn: new Date('2026-11-28T17:00:00Z'), sequence: 1 })).toMatch(
      /^XH-261129-01-/,
    );
  });

  it('writes lot numbers from 100 with three digits', () => {
    const code = makeLotCode({ farmCode: 'TH1', packedOn: noonNov28, sequence: 123 });
    expect(code).toMatch(/^TH1-261128-123-.$/);
    expect(isValidLotCode(code)).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses lot number %s (not a whole number from 1)', (sequence) => {
    expect(() => makeLotCode({ farmCode: 'XH', packedOn: noonNov28, sequence })).toThrow(RangeError);
  });

  it("refuses the 1000th lot of a farm's day with LOT_CODES_USED_UP, naming the day", () => {
    expect(() => makeLotCode({ farmCode: 'XH', packedOn: noonNov28, sequence: 999 })).not.toThrow();
    expect(() => makeLotCode({ farmCode: 'XH', packedOn: noonNov28, sequence: 1000 })).toThrow(
      expect.objectContaining({ code: 'LOT_CODES_USED_UP', params: { day: { day: '2026-11-28' } } }),
    );
  });

  it.each(['X', 'ABCDE', 'xh', 'IO', 'XL', 'UV', 'X-H', '', 'X H'])('refuses farm code %j', (farmCode) => {
    expect(isValidFarmCode(farmCode)).toBe(false);
    expect(() => makeLotCode({ farmCode, packedOn: noonNov28, sequence: 1 })).toThrow(RangeError);
  });

  it.each(['XH', 'YD', 'TH1', 'AB12', '00', 'ZZZZ'])('accepts farm code %j', (farmCode) => {
    expect(isValidFarmCode(farmCode)).toBe(true);
  });
});

/** A sample of codes across farms, days and lot numbers. */
const sample = [
  makeLotCode({ farmCode: 'XH', packedOn: noonNov28, sequence: 1 }),
  makeLotCode({ farmCode: 'YD', packedOn: new Date('2027-01-09T03:00:00Z'), sequence: 12 }),
  makeLotCode({ farmCode: 'TH1', packedOn: new Date('2026-02-28T10:00:00Z'), sequence: 7 }),
  makeLotCode({ farmCode: 'HH', packedOn: new Date('2026-12-31T16:00:00Z'), sequence: 99 }),
  makeLotCode({ farmCode: 'AB12', packedOn: new Date('2030-06-15T00:00:00Z'), sequence: 345 }),
  makeLotCode({ farmCode: 'QW', packedOn: new Date('2026-05-05T05:05:05Z'), sequence: 50 }),
];

describe('lot code check character', () => {
  it('accepts every code it made', () => {
    for (const code of sample) expect(isValidLotCode(code), code).toBe(true);
  });

  it('catches every single-character substitution in the sample', () => {
    let tried = 0;
    for (const code of sample) {
      for (let i = 0; i < code.length; i++) {
        if (code[i] === '-') continue;
        for (const replacement of alphabet) {
          if (replacement === code[i]) continue;
          const typo = code.slice(0, i) + replacement + code.slice(i + 1);
          expect(isValidLotCode(typo), `${code} → ${typo}`).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
  });

  it('catches every adjacent transposition in the sample', () => {
    let tried = 0;
    for (const code of sample) {
      for (let i = 0; i < code.length - 1; i++) {
        const [a, b] = [code[i]!, code[i + 1]!];
        if (a === b || a === '-' || b === '-') continue;
        const swapped = code.slice(0, i) + b + a + code.slice(i + 2);
        expect(isValidLotCode(swapped), `${code} → ${swapped}`).toBe(false);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(40);
  });

  it('misses only the swap of 0 and Z among all adjacent transpositions (Luhn mod 32)', () => {
    const missed: string[] = [];
    for (const a of alphabet) {
      for (const b of alphabet) {
        if (a === b) continue;
        const code = makeLotCode({ farmCode: `${a}${b}`, packedOn: noonNov28, sequence: 1 });
        const swapped = `${b}${a}${code.slice(2)}`;
        if (isValidLotCode(swapped)) missed.push(`${a}${b}`);
      }
    }
    expect(missed.sort()).toEqual(['0Z', 'Z0']);
  });

  it('refuses codes that do not have the shape of a lot code', () => {
    const code = sample[0]!;
    for (const bad of [code.toLowerCase(), code.replaceAll('-', ''), `${code}-X`, ` ${code}`, code.slice(0, -2), '']) {
      expect(isValidLotCode(bad), bad).toBe(false);
    }
  });
});

describe('normalizeLotCode', () => {
  const code = makeLotCode({ farmCode: 'XH', packedOn: new Date('2026-11-10T05:00:00Z'), sequence: 10 });

  it('maps O to 0 and I and L to 1, upper-cases and trims, so a hand-typed code matches', () => {
    expect(code).toMatch(/^XH-261110-10-.$/);
    const typed = `  ${code.toLowerCase().replace('261110', '26il1o').replace('-10-', '-lO-')} `;
    expect(isValidLotCode(typed)).toBe(false);
    expect(normalizeLotCode(typed)).toBe(code);
    expect(isValidLotCode(normalizeLotCode(typed))).toBe(true);
  });

  it('leaves a well-formed code unchanged', () => {
    for (const c of sample) expect(normalizeLotCode(c)).toBe(c);
  });

  it('maps look-alikes only to digits: O→0, I→1, L→1', () => {
    expect(normalizeLotCode('oil')).toBe('011');
    expect(normalizeLotCode('OIL')).toBe('011');
  });
});
