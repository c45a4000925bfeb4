// Contact phones for orders: a courier or the pickup point calls this number, so only Vietnamese
// mobiles are accepted (10 digits: 03, 05, 07, 08, 09), stored as 0xxxxxxxxx.

/** The mobile number in its stored form, or null when it is not a Vietnamese mobile. */
export function normaliseMobile(raw: string): string | null {
  const compact = raw.trim().replace(/[\s.()-]/g, '');
  const national = compact.replace(/^(\+84|0084|84(?=\d{9}$))/, '0');
  return /^0[35789]\d{8}$/.test(national) ? national : null;
}
