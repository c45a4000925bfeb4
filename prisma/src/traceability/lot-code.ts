import { calendarDay } from './dates.ts';
import { traceabilityRefusal } from './refusals.ts';

/**
 * Lot codes read like `TH1-261128-01-K`: the farm's code, the packing day (YYMMDD), the lot's
 * number that day, and a check character (Luhn mod 32 over the rest) that catches any single
 * mistyped character and most swapped neighbours. The alphabet is Crockford's base 32, which has
 * no I, L, O or U, so codes read aloud or copied by hand are not confused.
 */
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const farmCodePattern = /^[0-9A-HJKMNP-TV-Z]{2,4}$/;
const lotCodePattern = /^([0-9A-HJKMNP-TV-Z]{2,4})-(\d{6})-(\d{2,3})-([0-9A-HJKMNP-TV-Z])$/;

function checkCharacter(payload: string): string {
  const n = alphabet.length;
  let factor = 2;
  let sum = 0;
  for (let i = payload.length - 1; i >= 0; i--) {
    const codePoint = alphabet.indexOf(payload[i]!);
    if (codePoint < 0) throw new RangeError(`"${payload[i]}" is not in the lot-code alphabet`);
    let addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return alphabet[(n - (sum % n)) % n]!;
}

export function isValidFarmCode(code: string): boolean {
  return farmCodePattern.test(code);
}

export function makeLotCode(input: { farmCode: string; packedOn: Date; sequence: number }): string {
  if (!isValidFarmCode(input.farmCode)) {
    throw new RangeError(`farm code "${input.farmCode}" must be 2–4 characters from ${alphabet}`);
  }
  if (!Number.isInteger(input.sequence) || input.sequence < 1) {
    throw new RangeError(`lot number ${input.sequence} is not a whole number from 1`);
  }
  if (input.sequence > 999) {
    throw traceabilityRefusal('LOT_CODES_USED_UP', { day: { day: calendarDay(input.packedOn) } });
  }
  const day = calendarDay(input.packedOn).replaceAll('-', '').slice(2);
  const sequence = String(input.sequence).padStart(2, '0');
  return `${input.farmCode}-${day}-${sequence}-${checkCharacter(input.farmCode + day + sequence)}`;
}

/** Upper-cases and maps look-alikes (O→0, I/L→1) so a code typed by hand still matches. */
export function normalizeLotCode(input: string): string {
  return input.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function isValidLotCode(code: string): boolean {
  const match = lotCodePattern.exec(code);
  if (!match) return false;
  const [, farm, day, sequence, check] = match;
  return checkCharacter(farm! + day! + sequence!) === check;
}
