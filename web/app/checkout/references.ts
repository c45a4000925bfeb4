import { randomBytes, randomInt, timingSafeEqual, createHash } from 'node:crypto';

// Without 0/O, 1/I/L: a reference is read aloud on the phone and typed into bank transfers.
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new order reference, e.g. SL-7K3M9QX (31^7 ≈ 2.7e10 of them). */
export function newOrderReference(): string {
  let code = '';
  for (let i = 0; i < 7; i++) code += alphabet[randomInt(alphabet.length)];
  return `SL-${code}`;
}

/** The secret of an order's private link: 192 random bits. */
export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares a presented token with the order's in constant time (hashing first evens out the lengths). */
export function tokenMatches(presented: string | null | undefined, actual: string): boolean {
  if (!presented) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(actual));
}
