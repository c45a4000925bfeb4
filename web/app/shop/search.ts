// Buyers type Vietnamese with or without its marks ("dua luoi" for "dưa lưới"), so search compares
// folded text: lower case, no combining marks, đ as d, single spaces.

/** Folds text for comparison: "Dưa LƯỚI  Đỏ" → "dua luoi do". */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The folded words of a query; empty when the query has none. */
export function searchTerms(query: string): string[] {
  const folded = foldVietnamese(query);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Whether every term occurs in the texts (in any order, anywhere in a word: "luoi" finds
 * "dưa lưới", "chua" finds "cà chua bi"). No terms match everything.
 */
export function matchesSearch(terms: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  if (terms.length === 0) return true;
  const haystack = ` ${texts
    .filter(Boolean)
    .map((t) => foldVietnamese(t!))
    .join(' ')} `;
  return terms.every((term) => haystack.includes(term));
}
