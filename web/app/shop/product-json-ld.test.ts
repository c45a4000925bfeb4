import { describe, expect, it } from 'vitest';
import { jsonLdScriptText, productJsonLd } from './product-json-ld.ts';

const base = {
  name: 'Dưa lưới',
  description: 'Dưa lưới ruột cam',
  gtin: '08936045120012',
  lotCode: 'XH-261125-1',
  url: 'https://shop.example/batches/XH-261125-1',
  images: ['https://shop.example/photos/abc/1280.jpeg'],
  seller: { name: 'Seedline', url: 'https://shop.example/' },
};

describe('productJsonLd', () => {
  it('offers the lot in VND, in stock while units are left', () => {
    const ld = productJsonLd({ ...base, offer: { priceVnd: 85_000, inStock: true } });
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Dưa lưới',
      image: base.images,
      gtin14: '08936045120012',
      offers: {
        '@type': 'Offer',
        price: '85000',
        priceCurrency: 'VND',
        availability: 'https://schema.org/InStock',
        seller: { '@type': 'Organization', name: 'Seedline' },
      },
    });
  });

  it('says sold out when no unit is left, and has no offer for a lot not on sale', () => {
    expect(productJsonLd({ ...base, offer: { priceVnd: 1, inStock: false } }).offers?.availability).toBe(
      'https://schema.org/SoldOut',
    );
    expect(productJsonLd({ ...base, offer: null })).not.toHaveProperty('offers');
  });
});

describe('jsonLdScriptText', () => {
  it('cannot close the script element or open a comment, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script> <!-- & \u2028' };
    const text = jsonLdScriptText(value);
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
