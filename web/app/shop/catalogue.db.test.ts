import { describe, expect, it } from 'vitest';
import { parseCatalogueQuery } from './catalogue-query.ts';
import { catalogue } from './catalogue.server.ts';
import { listingOf, reserve, shopNow, useShopDatabase } from './testkit.ts';

const names = (items: { product: { nameVi: string } }[]) => items.map((i) => i.product.nameVi);
const query = (search: string) => parseCatalogueQuery(new URLSearchParams(search));

describe('the catalogue of the demo cooperative', () => {
  const database = useShopDatabase();
  const list = async (search = '') => (await catalogue(database().prisma, query(search), shopNow)).items;

  it('lists every published batch in stock, newest harvest first, with units left, price and farm', async () => {
    const items = await list();
    expect(names(items)).toEqual(['Cải xanh', 'Dưa chuột', 'Cà chua bi', 'Dưa lưới']);
    expect(items[3]).toMatchObject({
      priceVnd: 85_000,
      available: 237,
      harvestedOn: '2026-11-25',
      farm: { code: 'XH', name: 'Trang trại dưa lưới Xuân Hòa' },
      certifications: ['VIETGAP'],
      product: { category: 'FRUIT', unit: 'PIECE' },
    });
    expect(items[3]?.photo?.altVi).toBe('Hình minh họa dưa lưới');
  });

  it('finds Vietnamese typed with or without its marks, and đ typed as d', async () => {
    expect(names(await list('q=dua+luoi'))).toEqual(['Dưa lưới']);
    expect(names(await list('q=D%C6%B0a+l%C6%B0%E1%BB%9Bi'))).toEqual(['Dưa lưới']);
    expect(names(await list('q=DUA'))).toEqual(['Dưa chuột', 'Dưa lưới']);
    expect(names(await list('q=yen+dinh'))).toEqual(['Dưa chuột', 'Cà chua bi']);
    expect(names(await list('q=cherry+tomato'))).toEqual(['Cà chua bi']);
    expect(await list('q=s%E1%BA%A7u+ri%C3%AAng')).toEqual([]);
  });

  it('filters by product category and by farm', async () => {
    expect(names(await list('category=FRUIT_VEGETABLE'))).toEqual(['Dưa chuột', 'Cà chua bi']);
    expect(names(await list('category=LEAFY_GREEN'))).toEqual(['Cải xanh']);
    expect(names(await list('farm=XH'))).toEqual(['Dưa lưới']);
    expect(names(await list('category=FRUIT&farm=YD'))).toEqual([]);
  });

  it('sorts by price both ways, cheapest or dearest first', async () => {
    expect(names(await list('sort=price-asc'))).toEqual(['Cải xanh', 'Dưa chuột', 'Cà chua bi', 'Dưa lưới']);
    expect(names(await list('sort=price-desc'))).toEqual(['Dưa lưới', 'Cà chua bi', 'Dưa chuột', 'Cải xanh']);
    expect(names(await list('q=dua&sort=price-asc'))).toEqual(['Dưa chuột', 'Dưa lưới']);
  });

  it('ignores bad query values instead of failing', async () => {
    expect(names(await list('category=MEAT&sort=random&farm=%25%25'))).toEqual([
      'Cải xanh',
      'Dưa chuột',
      'Cà chua bi',
      'Dưa lưới',
    ]);
  });

  it('offers as filter choices only what the batches on sale have', async () => {
    const { facets, total } = await catalogue(database().prisma, query('category=FRUIT'), shopNow);
    expect(total).toBe(4);
    expect(facets.categories).toEqual(['FRUIT', 'FRUIT_VEGETABLE', 'LEAFY_GREEN']);
    expect(facets.farms.map((f) => f.code).sort()).toEqual(['HH', 'XH', 'YD']);
    expect(facets.certifications).toEqual(['VIETGAP']);
  });
});

describe('what the catalogue leaves out', () => {
  const database = useShopDatabase();
  const list = async (search = '') => (await catalogue(database().prisma, query(search), shopNow)).items;

  it('filters by a certification valid today, not by one that has expired', async () => {
    const db = database().prisma;
    const hh = await db.farm.findUniqueOrThrow({ where: { code: 'HH' } });
    const xh = await db.farm.findUniqueOrThrow({ where: { code: 'XH' } });
    await db.certification.createMany({
      data: [
        {
          farmId: hh.id,
          scheme: 'GLOBALGAP',
          number: 'GGN-4063061000001',
          validFrom: new Date('2026-01-01'),
          validUntil: new Date('2027-01-01'),
        },
        {
          farmId: xh.id,
          scheme: 'ORGANIC',
          number: 'TCVN-11041-0007',
          validFrom: new Date('2024-01-01'),
          validUntil: new Date('2026-11-27'),
        },
      ],
    });
    expect(names(await list('cert=GLOBALGAP'))).toEqual(['Cải xanh']);
    expect(names(await list('cert=vietgap'))).toHaveLength(4);
    expect(await list('cert=ORGANIC')).toEqual([]);
  });

  it('hides unpublished and sold-out batches', async () => {
    const db = database().prisma;
    const melon = await listingOf(db, 'dua-luoi');
    const greens = await listingOf(db, 'cai-xanh');
    await db.listing.update({ where: { id: melon.id }, data: { published: false } });
    await db.listing.update({ where: { id: greens.id }, data: { stock: 0 } });
    expect(names(await list())).toEqual(['Dưa chuột', 'Cà chua bi']);
    expect(await list('q=dua+luoi')).toEqual([]);
  });

  it('counts units held by active reservations as gone, and hides a batch they hold entirely', async () => {
    const db = database().prisma;
    const cucumber = await listingOf(db, 'dua-chuot');
    const tomato = await listingOf(db, 'ca-chua-bi');
    const inTenMinutes = new Date(shopNow.getTime() + 10 * 60_000);
    await reserve(db, cucumber.id, cucumber.stock, inTenMinutes);
    await reserve(db, tomato.id, 7, inTenMinutes);
    // Expired: its units are for sale again.
    await reserve(db, tomato.id, 50, new Date(shopNow.getTime() - 60_000));
    const items = await list();
    expect(names(items)).toEqual(['Cà chua bi']);
    expect(items[0]?.available).toBe(tomato.stock - 7);
  });
});
