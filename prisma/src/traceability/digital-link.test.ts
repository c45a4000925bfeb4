import { describe, expect, it } from 'vitest';
import { digitalLinkPath, digitalLinkUri, packDigitalLinkUri, parseDigitalLink } from './digital-link.ts';

const gtin13 = '4006381333931';
const gtin14 = '04006381333931';

describe('GS1 Digital Link', () => {
  it('builds the path /01/{GTIN-14}/10/{lot}', () => {
    expect(digitalLinkPath(gtin13, 'XH-261128-01-K')).toBe(`/01/${gtin14}/10/XH-261128-01-K`);
    expect(digitalLinkPath('73513537', 'A1')).toBe('/01/00000073513537/10/A1');
  });

  it('builds the absolute URI on the resolver host', () => {
    expect(digitalLinkUri('https://seedline.vn', gtin13, 'XH-261128-01-K')).toBe(
      `https://seedline.vn/01/${gtin14}/10/XH-261128-01-K`,
    );
  });

  it("carries a pack's packaging date as the AI 13 data attribute (YYMMDD), and still parses as its lot", () => {
    const uri = packDigitalLinkUri('https://seedline.vn', gtin13, 'XH-261128-01-K', '2026-11-28');
    expect(uri).toBe(`https://seedline.vn/01/${gtin14}/10/XH-261128-01-K?13=261128`);
    expect(parseDigitalLink(uri)).toEqual({ gtin: gtin14, lotCode: 'XH-261128-01-K' });
  });

  it('refuses to build a link for a GTIN with a bad check digit', () => {
    expect(() => digitalLinkPath('4006381333932', 'A1')).toThrow(RangeError);
  });

  it('parses an absolute URI', () => {
    expect(parseDigitalLink(`https://seedline.vn/01/${gtin14}/10/XH-261128-01-K`)).toEqual({
      gtin: gtin14,
      lotCode: 'XH-261128-01-K',
    });
  });

  it('parses a path, with or without a trailing slash, and under a resolver prefix', () => {
    const expected = { gtin: gtin14, lotCode: 'XH-261128-01-K' };
    expect(parseDigitalLink(`/01/${gtin14}/10/XH-261128-01-K`)).toEqual(expected);
    expect(parseDigitalLink(`/01/${gtin14}/10/XH-261128-01-K/`)).toEqual(expected);
    expect(parseDigitalLink(`https://id.example/gs1/01/${gtin14}/10/XH-261128-01-K?linkType=all`)).toEqual(expected);
  });

  it('returns the GTIN in its 14-digit form whatever length the link carries', () => {
    expect(parseDigitalLink(`/01/${gtin13}/10/A1`)).toEqual({ gtin: gtin14, lotCode: 'A1' });
    expect(parseDigitalLink('/01/73513537/10/A1')).toEqual({ gtin: '00000073513537', lotCode: 'A1' });
  });

  it('returns null for a GTIN with a bad check digit', () => {
    expect(parseDigitalLink('/01/04006381333932/10/A1')).toBeNull();
    expect(parseDigitalLink('https://seedline.vn/01/4006381333930/10/A1')).toBeNull();
  });

  it.each([
    '/01/04006381333931',
    '/01/04006381333931/10/',
    '/10/A1',
    '/01/0400638133393/10/A1',
    '/01/04006381333931/10/A%20B',
    '/01/04006381333931/10/ABCDEFGHIJKLMNOPQRSTU',
    '/01/04006381333931/10/%E0%A4%A',
    'https://[bad/01/04006381333931/10/A1',
    '',
  ])('returns null for %j, which is not a Digital Link of a lot', (value) => {
    expect(parseDigitalLink(value)).toBeNull();
  });

  it.each(['AB/12', 'A%1', 'L?1=2', 'X&Y=Z+1', "a'b(c)*!", 'Lo-1.2', '"<>;:,'])(
    'round-trips lot %j through URL encoding',
    (lotCode) => {
      const uri = digitalLinkUri('https://seedline.vn', gtin13, lotCode);
      expect(parseDigitalLink(uri)).toEqual({ gtin: gtin14, lotCode });
      expect(parseDigitalLink(digitalLinkPath(gtin13, lotCode))).toEqual({ gtin: gtin14, lotCode });
    },
  );

  it('round-trips a 20-character lot, the most GS1 allows', () => {
    const lotCode = 'ABCDEFGHIJ0123456789';
    expect(parseDigitalLink(digitalLinkUri('https://seedline.vn', gtin13, lotCode))).toEqual({ gtin: gtin14, lotCode });
  });
});
