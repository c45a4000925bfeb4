import { type Db, calendarDay } from '@seedline/db';
import type { CatalogueQuery } from './catalogue-query.ts';
import { type CatalogueItem, facetsOf, selectItems } from './catalogue.ts';
import { availableStock } from './stock.ts';

/**
 * Every published batch with units left for sale. A cooperative has tens of batches on sale at a
 * time, so filtering and the diacritic-blind search run on this list in memory (the same on
 * PGlite and PostgreSQL, which would need the `unaccent` extension otherwise).
 */
export async function batchesOnSale(db: Db, now = new Date()): Promise<CatalogueItem[]> {
  const today = new Date(`${calendarDay(now)}T00:00:00Z`);
  const listings = await db.listing.findMany({
    where: { published: true, stock: { gt: 0 } },
    select: {
      id: true,
      // The listing's own title, unit and shelf, as staff wrote them (coop/listings).
      titleVi: true,
      titleEn: true,
      unit: true,
      category: true,
      priceVnd: true,
      stock: true,
      reservations: {
        where: { releasedAt: null, expiresAt: { gt: now } },
        select: { quantity: true, expiresAt: true, releasedAt: true },
      },
      photos: { orderBy: { position: 'asc' }, take: 1, select: { id: true, altVi: true, altEn: true } },
      packLot: {
        select: {
          lotCode: true,
          harvest: {
            select: {
              harvestedAt: true,
              planting: {
                select: {
                  zone: {
                    select: {
                      greenhouse: {
                        select: {
                          farm: {
                            select: {
                              code: true,
                              name: true,
                              commune: true,
                              province: true,
                              certifications: {
                                where: { validFrom: { lte: today }, validUntil: { gte: today } },
                                select: { scheme: true },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  });
  return listings.flatMap((listing): CatalogueItem[] => {
    const available = availableStock(listing.stock, listing.reservations, now);
    if (available <= 0) return [];
    const { lotCode, harvest } = listing.packLot;
    const product = {
      nameVi: listing.titleVi,
      nameEn: listing.titleEn,
      unit: listing.unit,
      category: listing.category,
    };
    const { certifications, ...farm } = harvest.planting.zone.greenhouse.farm;
    return [
      {
        listingId: listing.id,
        lotCode,
        product,
        farm,
        certifications: [...new Set(certifications.map((c) => c.scheme))],
        priceVnd: listing.priceVnd,
        available,
        harvestedOn: calendarDay(harvest.harvestedAt),
        harvestedAt: harvest.harvestedAt.toISOString(),
        photo: listing.photos[0] ?? null,
      },
    ];
  });
}

/** The catalogue page: the batches a query asks for, and the filter choices of all batches on sale. */
export async function catalogue(db: Db, query: CatalogueQuery, now = new Date()) {
  const all = await batchesOnSale(db, now);
  return { items: selectItems(all, query), facets: facetsOf(all), total: all.length };
}
