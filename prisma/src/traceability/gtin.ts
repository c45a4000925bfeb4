/** GS1 GTIN-8/12/13/14: digits only, the last one a mod-10 check digit (weights 3,1 from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(gtin: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) return false;
  return gtinCheckDigit(gtin.slice(0, -1)) === Number(gtin.at(-1));
}

/** The 14-digit form used in Digital Link URIs and in the database. */
export function toGtin14(gtin: string): string {
  if (!isValidGtin(gtin)) throw new RangeError(`"${gtin}" is not a GTIN with a valid check digit`);
  return gtin.padStart(14, '0');
}
