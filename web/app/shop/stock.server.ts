import type { Db } from '@seedline/db';
import { availableStock } from './stock.ts';

/** Units still for sale of each listing, by id (listings not found are left out). */
export async function availableByListing(db: Db, listingIds: readonly string[], now = new Date()) {
  const listings = await db.listing.findMany({
    where: { id: { in: [...listingIds] } },
    select: {
      id: true,
      stock: true,
      reservations: {
        where: { releasedAt: null, expiresAt: { gt: now } },
        select: { quantity: true, expiresAt: true, releasedAt: true },
      },
    },
  });
  return new Map(listings.map((l) => [l.id, availableStock(l.stock, l.reservations, now)]));
}
