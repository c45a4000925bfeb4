import { type Cookie, createCookie } from '@remix-run/node';
import { type Db, inTransaction } from '@seedline/db';
import { currentUser } from '../auth/session.server.ts';
import { env } from '../env.server.ts';
import { refusal } from '../errors/refusals.ts';
import { type CartLineView, cartTotals, lineStatus, maxLineQuantity } from './cart.ts';
import { availableByListing } from './stock.server.ts';

// A cart is a row of the database; the visitor's browser holds its id in a signed cookie of its
// own, because a guest has no session (a session belongs to a user) and guests shop too.

let cookie: Cookie | undefined;

function cartCookie(): Cookie {
  cookie ??= createCookie('sl_cart', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: env().PUBLIC_URL.startsWith('https:'),
    secrets: [env().SESSION_SECRET],
    maxAge: 30 * 24 * 60 * 60,
  });
  return cookie;
}

/** The Set-Cookie header that gives the browser its cart (and keeps it 30 more days). */
export function cartCookieHeader(cartId: string): Promise<string> {
  return cartCookie().serialize(cartId);
}

/** Who is shopping: the cart id the browser holds (if any) and the signed-in user (if any). */
export type Shopper = { cartId: string | null; userId: string | null };

export async function shopperOf(db: Db, request: Request): Promise<Shopper> {
  const [cartId, user] = await Promise.all([
    cartCookie().parse(request.headers.get('Cookie')) as Promise<unknown>,
    currentUser(request, db),
  ]);
  return { cartId: typeof cartId === 'string' ? cartId : null, userId: user?.id ?? null };
}

/**
 * The shopper's cart id, or null when they have none yet. A guest's cart becomes theirs when they
 * sign in, and a cart they kept from an earlier visit is merged into it. A cart that belongs to a
 * user is never shown to anyone else on the same browser (a shared computer after log-out).
 */
export async function findCart(db: Db, shopper: Shopper): Promise<string | null> {
  if (!shopper.cartId && !shopper.userId) return null;
  return inTransaction(db, async (tx) => {
    const held = shopper.cartId
      ? await tx.cart.findUnique({ where: { id: shopper.cartId }, select: { id: true, userId: true } })
      : null;
    if (!shopper.userId) return held && held.userId === null ? held.id : null;
    if (held && held.userId === shopper.userId) return held.id;
    if (!held || held.userId !== null) {
      const own = await tx.cart.findFirst({
        where: { userId: shopper.userId },
        orderBy: { updatedAt: 'desc' },
        select: { id: true },
      });
      return own?.id ?? null;
    }
    // A guest cart meets its signed-in owner: it becomes theirs, with the lines of their older carts.
    const older = await tx.cartLine.findMany({
      where: { cart: { userId: shopper.userId } },
      select: { listingId: true, quantity: true },
    });
    for (const line of older) {
      const existing = await tx.cartLine.findUnique({
        where: { cartId_listingId: { cartId: held.id, listingId: line.listingId } },
        select: { quantity: true },
      });
      const quantity = Math.min(maxLineQuantity, line.quantity + (existing?.quantity ?? 0));
      await tx.cartLine.upsert({
        where: { cartId_listingId: { cartId: held.id, listingId: line.listingId } },
        create: { cartId: held.id, listingId: line.listingId, quantity },
        update: { quantity },
      });
    }
    await tx.cart.deleteMany({ where: { userId: shopper.userId } });
    await tx.cart.update({ where: { id: held.id }, data: { userId: shopper.userId } });
    return held.id;
  });
}

/** The shopper's cart, made when they first add something. */
export async function ensureCart(db: Db, shopper: Shopper): Promise<string> {
  const found = await findCart(db, shopper);
  if (found) return found;
  const cart = await db.cart.create({ data: { userId: shopper.userId }, select: { id: true } });
  return cart.id;
}

/** Empties a cart (checkout does this once the order holds its lines). */
export async function clearCart(db: Db, cartId: string): Promise<void> {
  await db.cartLine.deleteMany({ where: { cartId } });
}

/** Refuses a line of `quantity` units of a listing that is not for sale or has fewer left. */
async function assertCanBuy(db: Db, listingId: string, quantity: number, now: Date): Promise<void> {
  const listing = await db.listing.findUnique({ where: { id: listingId }, select: { published: true } });
  if (!listing || !listing.published) throw refusal('LISTING_UNAVAILABLE');
  const available = (await availableByListing(db, [listingId], now)).get(listingId) ?? 0;
  if (available <= 0) throw refusal('LISTING_SOLD_OUT', { available });
  if (quantity > available) throw refusal('EXCEEDS_STOCK', { available });
}

/** Adds units of a batch to a cart, refused beyond the units left for sale (counting those already in it). */
export function addToCart(db: Db, cartId: string, listingId: string, quantity: number, now = new Date()) {
  return inTransaction(db, async (tx) => {
    const line = await tx.cartLine.findUnique({
      where: { cartId_listingId: { cartId, listingId } },
      select: { quantity: true },
    });
    const total = (line?.quantity ?? 0) + quantity;
    if (total > maxLineQuantity) throw refusal('LINE_TOO_LARGE', { max: maxLineQuantity });
    await assertCanBuy(tx, listingId, total, now);
    await tx.cartLine.upsert({
      where: { cartId_listingId: { cartId, listingId } },
      create: { cartId, listingId, quantity },
      update: { quantity: total },
    });
    await tx.cart.update({ where: { id: cartId }, data: { updatedAt: now } });
  });
}

/** Sets a line's quantity; 0 removes the line. Refused beyond the units left for sale. */
export function updateLine(db: Db, cartId: string, listingId: string, quantity: number, now = new Date()) {
  if (quantity === 0) return removeLine(db, cartId, listingId);
  return inTransaction(db, async (tx) => {
    await assertCanBuy(tx, listingId, quantity, now);
    await tx.cartLine.updateMany({ where: { cartId, listingId }, data: { quantity } });
  });
}

export async function removeLine(db: Db, cartId: string, listingId: string): Promise<void> {
  await db.cartLine.deleteMany({ where: { cartId, listingId } });
}

/** A cart's lines with today's prices and stock, oldest first, and its totals. */
export async function cartContents(db: Db, cartId: string | null, now = new Date()) {
  const rows = cartId
    ? await db.cartLine.findMany({
        where: { cartId },
        orderBy: { id: 'asc' },
        select: {
          quantity: true,
          listing: {
            select: {
              id: true,
              packLotId: true,
              priceVnd: true,
              published: true,
              photos: { orderBy: { position: 'asc' }, take: 1, select: { id: true, altVi: true, altEn: true } },
              packLot: {
                select: {
                  lotCode: true,
                  product: { select: { nameVi: true, nameEn: true, unit: true } },
                  harvest: {
                    select: {
                      planting: {
                        select: { zone: { select: { greenhouse: { select: { farm: { select: { name: true } } } } } } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      })
    : [];
  const available = await availableByListing(
    db,
    rows.map((r) => r.listing.id),
    now,
  );
  const lines = rows.map(({ quantity, listing }): CartLineView => {
    const left = available.get(listing.id) ?? 0;
    const status = lineStatus({ published: listing.published, available: left, quantity });
    return {
      listing: {
        id: listing.id,
        packLotId: listing.packLotId,
        lotCode: listing.packLot.lotCode,
        published: listing.published,
        product: listing.packLot.product,
        farm: listing.packLot.harvest.planting.zone.greenhouse.farm,
        photo: listing.photos[0] ?? null,
      },
      unitPriceVnd: listing.priceVnd,
      quantity,
      available: left,
      lineTotalVnd: listing.priceVnd * quantity,
      status,
    };
  });
  return { cartId, lines, ...cartTotals(lines) };
}

export type CartView = Awaited<ReturnType<typeof cartContents>>;

/**
 * The cart of the visitor making `request`: its lines (listing, unit price in VND, quantity,
 * units available, line total, status) and totals. `totalVnd` counts the lines that can be
 * bought; `ready` says whether every line can (checkout refuses otherwise).
 */
export async function loadCart(db: Db, request: Request, now = new Date()): Promise<CartView> {
  return cartContents(db, await findCart(db, await shopperOf(db, request)), now);
}

/** Units in the visitor's cart, for the header. */
export async function cartCount(db: Db, request: Request): Promise<number> {
  const cartId = await findCart(db, await shopperOf(db, request));
  if (!cartId) return 0;
  const { _sum } = await db.cartLine.aggregate({ where: { cartId }, _sum: { quantity: true } });
  return _sum.quantity ?? 0;
}
