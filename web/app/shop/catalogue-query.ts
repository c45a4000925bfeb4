import type { ProductCategory } from '@seedline/db';
import { z } from 'zod';
import { type SortOrder, sortOrders } from './catalogue-sort.ts';

// The catalogue's filters, search and sort live in the URL (a GET form), so a link or the back
// button keeps them and the page works without JavaScript. A bad value falls back to "any".

export const productCategories = [
  'FRUIT',
  'FRUIT_VEGETABLE',
  'LEAFY_GREEN',
  'HERB',
] as const satisfies readonly ProductCategory[];

/** An optional code: blank is missing, letters are upper-cased, a bad one is dropped. */
const code = (pattern: RegExp) =>
  z
    .preprocess(
      (value) => (typeof value === 'string' ? value.trim().toUpperCase() || undefined : value),
      z.string().regex(pattern).optional(),
    )
    .catch(undefined);

const schema = z.object({
  q: z
    .string()
    .transform((q) => q.trim().slice(0, 100))
    .catch(''),
  category: code(/^[A-Z_]+$/)
    .pipe(z.enum(productCategories).optional())
    .catch(undefined),
  /** A farm's short code (the one printed in lot codes). */
  farm: code(/^[A-Z0-9]{2,4}$/),
  /** A certification scheme (VIETGAP, GLOBALGAP, ORGANIC...). */
  cert: code(/^[A-Z0-9_]{2,20}$/),
  sort: z.enum(sortOrders).catch('newest'),
});

export type CatalogueQuery = {
  q: string;
  category: ProductCategory | undefined;
  farm: string | undefined;
  cert: string | undefined;
  sort: SortOrder;
};

/** The catalogue query of a URL's search parameters; never throws. */
export function parseCatalogueQuery(params: URLSearchParams): CatalogueQuery {
  const raw = Object.fromEntries(['q', 'category', 'farm', 'cert', 'sort'].map((k) => [k, params.get(k) ?? undefined]));
  const parsed = schema.parse({ ...raw, q: raw.q ?? '', sort: raw.sort ?? 'newest' });
  return { q: parsed.q, category: parsed.category, farm: parsed.farm, cert: parsed.cert, sort: parsed.sort };
}
