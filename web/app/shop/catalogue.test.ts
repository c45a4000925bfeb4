import { describe, expect, it } from 'vitest';
import { parseCatalogueQuery } from './catalogue-query.ts';
import { type CatalogueItem, facetsOf, selectItems } from './catalogue.ts';

function item(id: string, changes: Partial<CatalogueItem> & { nameVi: string }): CatalogueItem {
  const { nameVi, ...rest } = changes;
  return {
    listingId: id,
    lotCode: `XH-2611${id}-01-A`,
    product: { nameVi, nameEn: nameVi, unit: 'PACK', category: 'FRUIT_VEGETABLE' },
    farm: { code: 'XH', name: 'Trang trại Xuân Hòa', commune: 'xã Thọ Xuân', province: 'Thanh Hóa' },
    certifications: ['VIETGAP'],
    priceVnd: 10_000,
    available: 5,
    harvestedOn: '2026-11-20',
    harvestedAt: '2026-11-20T00:00:00.000Z',
    photo: null,
    ...rest,
  };
}

const items = [
  item('a', { nameVi: 'Dưa lưới', priceVnd: 85_000, harvestedAt: '2026-11-20T00:00:00.000Z' }),
  item('b', { nameVi: 'Cà chua bi', priceVnd: 35_000, harvestedAt: '2026-11-22T00:00:00.000Z' }),
  item('c', { nameVi: 'Đậu đũa', priceVnd: 35_000, harvestedAt: '2026-11-21T00:00:00.000Z' }),
];
const select = (query: string) =>
  selectItems(items, parseCatalogueQuery(new URLSearchParams(query))).map((i) => i.product.nameVi);

describe('selectItems', () => {
  it('orders by newest harvest unless asked otherwise', () => {
    expect(select('')).toEqual(['Cà chua bi', 'Đậu đũa', 'Dưa lưới']);
  });

  it('orders equal prices by newest harvest, both ways', () => {
    expect(select('sort=price-asc')).toEqual(['Cà chua bi', 'Đậu đũa', 'Dưa lưới']);
    expect(select('sort=price-desc')).toEqual(['Dưa lưới', 'Cà chua bi', 'Đậu đũa']);
  });

  it('searches names without marks, đ as d', () => {
    expect(select('q=dau+dua')).toEqual(['Đậu đũa']);
    expect(select('q=dua')).toEqual(['Đậu đũa', 'Dưa lưới']);
  });
});

describe('facetsOf', () => {
  it('offers each category, farm and certification once', () => {
    expect(facetsOf(items)).toEqual({
      categories: ['FRUIT_VEGETABLE'],
      farms: [{ code: 'XH', name: 'Trang trại Xuân Hòa' }],
      certifications: ['VIETGAP'],
    });
  });
});
