import { isValidGtin, toGtin14 } from './gtin.ts';

/**
 * GS1 Digital Link URIs identify one lot of one product: `/01/{gtin}/10/{lot}` (AI 01 = GTIN,
 * AI 10 = batch/lot). The QR code on each pack carries the absolute URI.
 */
export function digitalLinkPath(gtin: string, lotCode: string): string {
  return `/01/${toGtin14(gtin)}/10/${encodeURIComponent(lotCode)}`;
}

export function digitalLinkUri(baseUrl: string, gtin: string, lotCode: string): string {
  return new URL(digitalLinkPath(gtin, lotCode), baseUrl).toString();
}

/**
 * The URI printed on a pack: its lot's Digital Link with the packaging date (AI 13, YYMMDD) as a
 * data attribute. GS1 lets AI 13 ride in the query string, not the path (it is not a key
 * qualifier), so the lot's identity and its resolver route stay `/01/{gtin}/10/{lot}`.
 */
export function packDigitalLinkUri(baseUrl: string, gtin: string, lotCode: string, packedOn: string): string {
  const url = new URL(digitalLinkPath(gtin, lotCode), baseUrl);
  url.searchParams.set('13', packedOn.replaceAll('-', '').slice(2));
  return url.toString();
}

export type ParsedDigitalLink = { gtin: string; lotCode: string };

/** Reads a Digital Link URI or path; null when it is not one (bad GTIN check digit, no lot...). */
export function parseDigitalLink(uriOrPath: string): ParsedDigitalLink | null {
  let pathname: string;
  try {
    pathname = new URL(uriOrPath, 'http://x.invalid').pathname;
  } catch {
    return null;
  }
  // A resolver may sit under a path prefix; the AIs are the last segments.
  const match = /\/01\/(\d{8}|\d{12,14})\/10\/([^/]+)\/?$/.exec(pathname);
  if (!match) return null;
  const [, gtin, encodedLot] = match;
  if (!isValidGtin(gtin!)) return null;
  let lotCode: string;
  try {
    lotCode = decodeURIComponent(encodedLot!);
  } catch {
    return null;
  }
  // GS1 AI 10: at most 20 characters of the GS1 "82" character set.
  if (!/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/.test(lotCode)) return null;
  return { gtin: toGtin14(gtin!), lotCode };
}
