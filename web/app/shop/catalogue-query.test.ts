import { describe, expect, it } from 'vitest';
import { parseCatalogueQuery } from './catalogue-query.ts';

const parse = (query: string) => parseCatalogueQuery(new URLSearchParams(query));

describe('parseCatalogueQuery', () => {
  it('reads search, filters and sort from the URL', () => {
    expect(parse('q=dua+luoi&category=FRUIT&farm=XH&cert=VIETGAP&sort=price-asc')).toEqual({
      q: 'dua luoi',
      category: 'FRUIT',
      farm: 'XH',
      cert: 'VIETGAP',
      sort: 'price-asc',
    });
  });

  it('is "everything, newest first" with no parameters or blank ones (a GET form sends blanks)', () => {
    const everything = { q: '', category: undefined, farm: undefined, cert: undefined, sort: 'newest' };
    expect(parse('')).toEqual(everything);
    expect(parse('q=&category=&farm=&cert=&sort=')).toEqual(everything);
  });

  it('falls back to "any" for bad values instead of failing', () => {
    expect(parse('category=MEAT&farm=not-a-farm&cert=%3Cscript%3E&sort=cheapest')).toEqual({
      q: '',
      category: undefined,
      farm: undefined,
      cert: undefined,
      sort: 'newest',
    });
  });

  it('accepts codes in lower case', () => {
    expect(parse('category=leafy_green&farm=hh&cert=vietgap')).toMatchObject({
      category: 'LEAFY_GREEN',
      farm: 'HH',
      cert: 'VIETGAP',
    });
  });

  it('trims the search and keeps at most 100 characters of it', () => {
    expect(parse('q=++c%C3%A0+chua++').q).toBe('cà chua');
    expect(parse(`q=${'a'.repeat(500)}`).q).toHaveLength(100);
  });
});
