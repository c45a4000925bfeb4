import { type Db, type Tx, inTransaction, traceabilityRefusal } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { notFound } from '../http.server.ts';
import { assertLotPhiPassed } from '../shop/withheld.server.ts';
import type { ListingForm, NewListingForm } from './listing-forms.ts';

// The co-op's listings: one per pack lot, written by staff in both languages, published only
// while no pre-harvest interval covers the lot's harvest (checked again at order time:
// checkout/place-order.server.ts).

const lotSelect = {
  id: true,
  lotCode: true,
  unitCount: true,
  unitWeightGrams: true,
  packedOn: true,
  product: {
    select: { nameVi: true, nameEn: true, descriptionVi: true, descriptionEn: true, unit: true, category: true },
  },
  harvest: {
    select: {
      planting: { select: { zone: { select: { greenhouse: { select: { farm: { select: { name: true } } } } } } } },
    },
  },
} as const;

/** Pack lots with no listing yet, newest first: what a new listing can be made from. */
export function unlistedLots(db: Db) {
  return db.packLot.findMany({ where: { listing: null }, orderBy: { packedOn: 'desc' }, select: lotSelect });
}

export function listingList(db: Db) {
  return db.listing.findMany({
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      titleVi: true,
      titleEn: true,
      priceVnd: true,
      unit: true,
      stock: true,
      published: true,
      packLot: { select: { lotCode: true } },
      photos: { orderBy: { position: 'asc' }, take: 1, select: { id: true, altVi: true, altEn: true } },
    },
  });
}

export async function listing(db: Db, id: string) {
  const found = await db.listing.findUnique({
    where: { id },
    include: {
      packLot: { select: lotSelect },
      photos: { orderBy: { position: 'asc' }, select: { id: true, altVi: true, altEn: true, position: true } },
    },
  });
  if (!found) notFound('No such listing');
  return found;
}

async function assertStockPacked(tx: Tx, packLotId: string, stock: number) {
  const lot = await tx.packLot.findUnique({ where: { id: packLotId }, select: { unitCount: true } });
  if (!lot) throw traceabilityRefusal('RECORD_NOT_FOUND');
  if (stock > lot.unitCount) throw traceabilityRefusal('STOCK_OVER_PACKED', { stock, packed: lot.unitCount });
}

/** A new listing, unpublished: staff add photos and publish it after. */
export function createListing(db: Db, { packLotId, ...fields }: NewListingForm) {
  return inTransaction(db, async (tx) => {
    await assertStockPacked(tx, packLotId, fields.stock);
    if (await tx.listing.findUnique({ where: { packLotId }, select: { id: true } }))
      throw refusal('LOT_ALREADY_LISTED');
    return tx.listing.create({ data: { packLotId, ...fields }, select: { id: true } });
  });
}

export function editListing(db: Db, id: string, fields: ListingForm) {
  return inTransaction(db, async (tx) => {
    const found = await tx.listing.findUnique({ where: { id }, select: { packLotId: true } });
    if (!found) notFound('No such listing');
    await assertStockPacked(tx, found.packLotId, fields.stock);
    await tx.listing.update({ where: { id }, data: fields });
  });
}

/** Puts a listing on sale (the interval checked again: a correction may have lengthened one) or takes it off. */
export function setPublished(db: Db, id: string, published: boolean, now = new Date()) {
  return inTransaction(db, async (tx) => {
    const found = await tx.listing.findUnique({ where: { id }, select: { packLotId: true, publishedAt: true } });
    if (!found) notFound('No such listing');
    if (published) await assertLotPhiPassed(tx, found.packLotId);
    // As saveListing: on sale since the first publish, until taken off.
    const publishedAt = published ? (found.publishedAt ?? now) : null;
    await tx.listing.update({ where: { id }, data: { published, publishedAt } });
  });
}
