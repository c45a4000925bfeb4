// The catalogue's sort orders, apart from the query parser (catalogue-query.ts): the filters' form
// lists them in the browser's bundle, and importing the parser would bring zod (~90 KB) with it.

export const sortOrders = ['newest', 'price-asc', 'price-desc'] as const;
export type SortOrder = (typeof sortOrders)[number];
