import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesSearch, searchTerms } from './search.ts';

describe('foldVietnamese', () => {
  it('drops tone and vowel marks and lower-cases', () => {
    expect(foldVietnamese('Dưa LƯỚI')).toBe('dua luoi');
    expect(foldVietnamese('Cà chua bi')).toBe('ca chua bi');
    expect(foldVietnamese('Xà lách thủy canh')).toBe('xa lach thuy canh');
  });

  it('turns đ and Đ into d, which Unicode does not decompose', () => {
    expect(foldVietnamese('Đỗ đậu Đức')).toBe('do dau duc');
  });

  it('folds text whether it is composed (NFC) or decomposed (NFD)', () => {
    const composed = 'dưa lưới'.normalize('NFC');
    const decomposed = 'dưa lưới'.normalize('NFD');
    expect(foldVietnamese(composed)).toBe(foldVietnamese(decomposed));
  });

  it('collapses punctuation and spaces into single spaces', () => {
    expect(foldVietnamese('  HTX  Rau-an toàn,Yên Định ')).toBe('htx rau an toan yen dinh');
  });
});

describe('searchTerms', () => {
  it('splits a folded query into words', () => {
    expect(searchTerms(' Dưa   lưới ')).toEqual(['dua', 'luoi']);
  });

  it('has no terms for a blank or punctuation-only query', () => {
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms(' - , ')).toEqual([]);
  });
});

describe('matchesSearch', () => {
  const melon = ['Dưa lưới', 'Netted melon', 'Trang trại dưa lưới Xuân Hòa'];
  const cucumber = ['Dưa chuột', 'Cucumber', 'HTX Rau an toàn Yên Định'];

  it('finds Vietnamese typed without marks', () => {
    expect(matchesSearch(searchTerms('dua luoi'), melon)).toBe(true);
    expect(matchesSearch(searchTerms('dua luoi'), cucumber)).toBe(false);
  });

  it('finds Vietnamese typed with marks, and English names', () => {
    expect(matchesSearch(searchTerms('dưa lưới'), melon)).toBe(true);
    expect(matchesSearch(searchTerms('MELON'), melon)).toBe(true);
  });

  it('needs every term, in any order', () => {
    expect(matchesSearch(searchTerms('xuan hoa dua'), melon)).toBe(true);
    expect(matchesSearch(searchTerms('dua yen dinh'), melon)).toBe(false);
  });

  it('finds words with đ typed as d', () => {
    expect(matchesSearch(searchTerms('yen dinh'), cucumber)).toBe(true);
  });

  it('matches everything when there are no terms, and skips missing texts', () => {
    expect(matchesSearch([], melon)).toBe(true);
    expect(matchesSearch(['melon'], [null, undefined, 'melon'])).toBe(true);
  });
});
