import { type Db, calendarDay } from '@seedline/db';
import type { CatalogueItem } from './catalogue.ts';
import { availableStock, isActiveReservation } from './stock.ts';

export type OnSale = {
  items: CatalogueItem[];
  /** When the list stops holding without any write: the earliest live reservation runs out then. */
  until: Date | null;
};

/**
 * Every published batch with units left for sale. A cooperative has tens of batches on sale at a
 * time, so filtering and the diacritic-blind search run on this list in memory (the same on
 * PGlite and PostgreSQL, which would need the `unaccent` extension otherwise).
 */
export async function batchesOnSale(db: Db, now = new Date()): Promise<OnSale> {
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
  // Sold-out listings count too: a reservation that runs out puts their units back on sale.
  const expiries = listings.flatMap((l) => l.reservations.filter((r) => isActiveReservation(r, now)));
  const until = expiries.reduce<Date | null>((first, r) => (first && first <= r.expiresAt ? first : r.expiresAt), null);
  const items = listings.flatMap((listing): CatalogueItem[] => {
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
  return { items, until };
}
