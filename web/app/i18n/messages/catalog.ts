/**
 * One area's texts: Vietnamese first (the shop's language), English with exactly the same keys
 * (the type checker refuses a key missing from or added to either). `name` tells catalogues apart
 * when a page merges the ones it loaded.
 */
export function catalog<K extends string>(name: string, vi: Record<K, string>, en: Record<NoInfer<K>, string>) {
  return { name, vi, en };
}

export type Catalog<K extends string = string> = {
  readonly name: string;
  readonly vi: Readonly<Record<K, string>>;
  readonly en: Readonly<Record<K, string>>;
};

export type KeyOf<C> = C extends Catalog<infer K> ? K : never;
