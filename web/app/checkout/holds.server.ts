import { type Db, type DomainError, Prisma, type Tx } from '@seedline/db';
import { type WebRefusal, refusal } from '../errors/refusals.ts';
import { availableStock } from '../shop/stock.ts';

// Stock holds (decision 009). Listing.stock counts units on hand; a reservation holds units for a
// placed order until it is sold, released or past its expiry, and an expired one holds nothing
// even before the sweep tidies it. Units leave Listing.stock only when the order is paid or
// confirmed. Every check runs with the listing rows locked (FOR NO KEY UPDATE), so two checkouts of the
// last unit queue behind each other and the second sees the first's hold.

export type LineRequest = { listingId: string; quantity: number };

/** SOLD_OUT, naming the batches (product and lot code, in both languages) that fell short. */
export async function soldOut(db: Db, listingIds: readonly string[]): Promise<DomainError<WebRefusal>> {
  const listings = await db.listing.findMany({
    where: { id: { in: [...listingIds] } },
    orderBy: { id: 'asc' },
    select: { packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } } },
  });
  const items = (name: 'nameVi' | 'nameEn') =>
    listings.map(({ packLot }) => `${packLot.product[name]} (${packLot.lotCode})`).join(', ');
  return refusal('SOLD_OUT', { items: { vi: items('nameVi'), en: items('nameEn') } });
}

/**
 * Locks the listings' rows until the transaction ends, in id order so two orders never deadlock.
 * Take it before inserting rows that reference a listing: their foreign-key check share-locks the
 * listing, and two transactions each holding that and waiting for this lock would deadlock.
 * (NO KEY UPDATE is what an UPDATE of the stock takes: it queues checkouts, not foreign-key checks.)
 */
async function lockListings(tx: Tx, listingIds: readonly string[]): Promise<void> {
  const ids = [...new Set(listingIds)].sort();
  if (ids.length === 0) return;
  await tx.$queryRaw`SELECT id FROM "Listing" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR NO KEY UPDATE`;
}

/** Stock and the units other orders' live holds keep, read under the lock. */
async function lockedAvailability(tx: Tx, listingIds: readonly string[], exceptOrderId: string | null, now: Date) {
  await lockListings(tx, listingIds);
  const listings = await tx.listing.findMany({
    where: { id: { in: [...listingIds] } },
    select: {
      id: true,
      stock: true,
      published: true,
      reservations: {
        where: {
          releasedAt: null,
          expiresAt: { gt: now },
          ...(exceptOrderId ? { orderId: { not: exceptOrderId } } : {}),
        },
        select: { quantity: true, expiresAt: true, releasedAt: true },
      },
    },
  });
  return new Map(
    listings.map((l) => [l.id, { published: l.published, available: availableStock(l.stock, l.reservations, now) }]),
  );
}

/**
 * Locks the listings and checks that every line fits in what is left; refuses with SOLD_OUT before
 * the caller writes anything. The lock is held until the transaction ends: call holdUnits after it.
 */
export async function assertUnitsAvailable(tx: Tx, lines: readonly LineRequest[], now: Date): Promise<void> {
  const availability = await lockedAvailability(
    tx,
    lines.map((l) => l.listingId),
    null,
    now,
  );
  const short = lines.filter((line) => {
    const listing = availability.get(line.listingId);
    return !listing?.published || listing.available < line.quantity;
  });
  if (short.length > 0)
    throw await soldOut(
      tx,
      short.map((l) => l.listingId),
    );
}

/** Holds the lines' units for the order until `expiresAt` (checked by assertUnitsAvailable first). */
export async function holdUnits(tx: Tx, orderId: string, lines: readonly LineRequest[], expiresAt: Date) {
  await tx.stockReservation.createMany({
    data: lines.map((line) => ({ orderId, listingId: line.listingId, quantity: line.quantity, expiresAt })),
  });
}

/**
 * The order is paid or confirmed: its units leave Listing.stock and its holds end as sold. A hold
 * past its expiry no longer protects the units, so a late payment sells only what others do not
 * hold meanwhile; otherwise this refuses with SOLD_OUT having written nothing.
 */
export async function sellUnits(tx: Tx, orderId: string, now: Date): Promise<void> {
  const lines = await tx.orderLine.findMany({ where: { orderId }, select: { listingId: true, quantity: true } });
  const availability = await lockedAvailability(
    tx,
    lines.map((l) => l.listingId),
    orderId,
    now,
  );
  const short = lines.filter((line) => (availability.get(line.listingId)?.available ?? 0) < line.quantity);
  if (short.length > 0)
    throw await soldOut(
      tx,
      short.map((l) => l.listingId),
    );
  for (const line of lines) {
    await tx.listing.update({ where: { id: line.listingId }, data: { stock: { decrement: line.quantity } } });
  }
  await tx.stockReservation.updateMany({
    where: { orderId, releasedAt: null },
    data: { soldAt: now, releasedAt: now },
  });
}

/** The order will not be paid: its holds end, and the units are for sale again at once. */
export async function releaseHolds(tx: Tx, orderId: string, now: Date): Promise<void> {
  await tx.stockReservation.updateMany({ where: { orderId, releasedAt: null }, data: { releasedAt: now } });
}

/** A sold order ended while its packs were still at the cooperative: they go back on sale. */
export async function restockUnits(tx: Tx, orderId: string): Promise<void> {
  const lines = await tx.orderLine.findMany({ where: { orderId }, select: { listingId: true, quantity: true } });
  for (const line of [...lines].sort((a, b) => a.listingId.localeCompare(b.listingId))) {
    await tx.listing.update({ where: { id: line.listingId }, data: { stock: { increment: line.quantity } } });
  }
}
