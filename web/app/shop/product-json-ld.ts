// schema.org Product/Offer for a batch page, for search engines. Pure: the page data in, JSON out.

export type ProductJsonLdInput = {
  name: string;
  description: string | null;
  gtin: string;
  lotCode: string;
  /** The batch page's absolute URL. */
  url: string;
  /** Absolute URLs of the listing's photos. */
  images: readonly string[];
  /** Null when the lot is not on sale: no offer then. */
  offer: { priceVnd: number; inStock: boolean } | null;
  seller: { name: string; url: string };
};

export function productJsonLd(input: ProductJsonLdInput) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    ...(input.images.length > 0 ? { image: input.images } : {}),
    gtin14: input.gtin,
    sku: input.lotCode,
    url: input.url,
    ...(input.offer
      ? {
          offers: {
            '@type': 'Offer',
            url: input.url,
            // VND has no minor unit: whole dong.
            price: String(input.offer.priceVnd),
            priceCurrency: 'VND',
            availability: input.offer.inStock ? 'https://schema.org/InStock' : 'https://schema.org/SoldOut',
            seller: { '@type': 'Organization', name: input.seller.name, url: input.seller.url },
          },
        }
      : {}),
  };
}

/**
 * JSON for the inside of a `<script type="application/ld+json">`: `<` (so no `</script>` or
 * `<!--` can end or change the element), `>`, `&` and the JavaScript line separators are written
 * as \u escapes, which JSON parsers read back as the same characters.
 */
export function jsonLdScriptText(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
