import type { ProductCategory, SaleUnit } from '@seedline/db';
import type { CatalogueQuery } from './catalogue-query.ts';
import type { SortOrder } from './catalogue-sort.ts';
import { matchesSearch, searchTerms } from './search.ts';

/** A batch on sale, as the catalogue lists it. */
export type CatalogueItem = {
  listingId: string;
  lotCode: string;
  product: { nameVi: string; nameEn: string; unit: SaleUnit; category: ProductCategory };
  farm: { code: string; name: string; commune: string; province: string };
  /** Schemes of the farm's certifications valid today. */
  certifications: string[];
  priceVnd: number;
  available: number;
  /** Calendar day (YYYY-MM-DD, Vietnam) of the harvest. */
  harvestedOn: string;
  /** Exact instant of the harvest, to order batches harvested on the same day. */
  harvestedAt: string;
  photo: { id: string; altVi: string; altEn: string } | null;
};

export type Facets = {
  categories: ProductCategory[];
  farms: { code: string; name: string }[];
  certifications: string[];
};

function compare(sort: SortOrder) {
  const newest = (a: CatalogueItem, b: CatalogueItem) =>
    b.harvestedAt.localeCompare(a.harvestedAt) || a.listingId.localeCompare(b.listingId);
  if (sort === 'price-asc') return (a: CatalogueItem, b: CatalogueItem) => a.priceVnd - b.priceVnd || newest(a, b);
  if (sort === 'price-desc') return (a: CatalogueItem, b: CatalogueItem) => b.priceVnd - a.priceVnd || newest(a, b);
  return newest;
}

/** The items a query asks for, in its order: filters, then a search on names, farm and lot code. */
export function selectItems(items: readonly CatalogueItem[], query: CatalogueQuery): CatalogueItem[] {
  const terms = searchTerms(query.q);
  return items
    .filter(
      (item) =>
        (!query.category || item.product.category === query.category) &&
        (!query.farm || item.farm.code === query.farm) &&
        (!query.cert || item.certifications.includes(query.cert)) &&
        matchesSearch(terms, [
          item.product.nameVi,
          item.product.nameEn,
          item.farm.name,
          item.farm.commune,
          item.lotCode,
        ]),
    )
    .sort(compare(query.sort));
}

/** What the filters offer: only values some batch on sale has, so no choice leads to nothing. */
export function facetsOf(items: readonly CatalogueItem[]): Facets {
  const farms = new Map(items.map((i) => [i.farm.code, i.farm.name]));
  return {
    categories: [...new Set(items.map((i) => i.product.category))].sort(),
    farms: [...farms].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    certifications: [...new Set(items.flatMap((i) => i.certifications))].sort(),
  };
}
