import { type Db, type PaymentMethod, Prisma, type Tx, inTransaction } from '@seedline/db';
import { fromStoredVnd, lineTotalVnd, orderTotalVnd } from './amounts.ts';
import type { CheckoutForm } from './form.ts';
import { refusal } from '../errors/refusals.ts';
import { type LineRequest, assertUnitsAvailable, holdUnits, soldOut } from './holds.server.ts';
import type { Locale } from '../i18n/i18n.ts';
import { queueOrderConfirmation } from '../orders/notify.server.ts';
import { type OpenOrderLimits, assertUnderOpenOrderLimits } from './open-orders.server.ts';
import { availableByListing } from '../shop/stock.server.ts';
import { type TakenWindow, deliveryUsesWindows, takeWindowPlace } from '../fulfilment/windows.server.ts';
import { assertNoneWithheld } from '../shop/withheld.server.ts';
import { newAccessToken, newOrderReference } from './references.ts';

/** One line per listing, whole positive quantities: the cart's lines as the order will hold them. */
export function mergeLines(lines: readonly LineRequest[]): LineRequest[] {
  const merged = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new RangeError(`quantity ${line.quantity} of listing ${line.listingId} is not a whole positive number`);
    }
    merged.set(line.listingId, (merged.get(line.listingId) ?? 0) + line.quantity);
  }
  return [...merged].map(([listingId, quantity]) => ({ listingId, quantity }));
}

export type PlaceOrder = {
  form: CheckoutForm;
  lines: readonly LineRequest[];
  userId: string | null;
  now: Date;
  /** How long the units are held for payment (settings.server.ts `holdMinutes`). */
  holdMinutes: number;
  /** The cart the lines came from: emptied with the same commit. */
  cartId?: string | null;
  /** The address the checkout came from, counted against `limits.perClient`. */
  clientAddress?: string | null;
  /** The checkout form's one-time key: the same form sent again gets the order it placed. */
  idempotencyKey?: string | null;
  /** How many orders a buyer may have waiting (open-orders.server.ts); checkout always passes them. */
  limits?: OpenOrderLimits;
  /** The buyer's language: their emails are written in it (Vietnamese unless they chose English). */
  locale?: Locale;
};

export type PlacedOrder = {
  id: string;
  reference: string;
  accessToken: string;
  totalVnd: number;
  paymentMethod: PaymentMethod;
  /** Until when its units are held (null only for an order whose holds are gone). */
  expiresAt: Date | null;
};

/**
 * Places an order: prices it from the listings, holds its units, and records it PLACED with its
 * pending payment. Every method holds, none sells: a card until paid, cash and transfers until
 * staff confirm them. All or nothing: a line that is sold out refuses the whole order with
 * SOLD_OUT and nothing is written. The same form sent twice (a double tap) places one order.
 */
export async function placeOrder(db: Db, input: PlaceOrder): Promise<PlacedOrder> {
  const repeated = await orderOfKey(db, input.idempotencyKey);
  if (repeated) return repeated;
  try {
    return await insertOrder(db, input);
  } catch (error) {
    // The same form twice at once: the second meets the first's key; it gets the first's order.
    const again = isUniqueViolation(error) ? await orderOfKey(db, input.idempotencyKey) : null;
    if (again) return again;
    throw error;
  }
}

const placedSelect = {
  id: true,
  reference: true,
  accessToken: true,
  totalVnd: true,
  paymentMethod: true,
  reservations: { select: { expiresAt: true }, take: 1 },
} as const;

async function orderOfKey(db: Db, key: string | null | undefined): Promise<PlacedOrder | null> {
  if (!key) return null;
  const order = await db.order.findUnique({ where: { idempotencyKey: key }, select: placedSelect });
  if (!order) return null;
  const { reservations, ...placed } = order;
  return { ...placed, totalVnd: fromStoredVnd(placed.totalVnd), expiresAt: reservations[0]?.expiresAt ?? null };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

async function insertOrder(db: Db, input: PlaceOrder): Promise<PlacedOrder> {
  const lines = mergeLines(input.lines);
  if (lines.length === 0) throw refusal('CART_EMPTY');
  const { form, now } = input;
  const expiresAt = new Date(now.getTime() + input.holdMinutes * 60_000);
  // A look without the lock refuses what is plainly sold out, so a rush on the last units does not
  // queue every buyer on the listing's lock. It can only refuse (a hold might end a moment later),
  // never sell twice: the transaction checks again under the lock.
  const glance = await availableByListing(
    db,
    lines.map((l) => l.listingId),
    now,
  );
  const plainlyShort = lines.filter((l) => (glance.get(l.listingId) ?? 0) < l.quantity);
  if (plainlyShort.length > 0)
    throw await soldOut(
      db,
      plainlyShort.map((l) => l.listingId),
    );
  // Many buyers at once queue on the listing's row lock: give each time to wait its turn.
  return inTransaction(
    db,
    async (tx) => {
      // The buyer's waiting orders first, then the window, then the listings: locks always taken
      // in this order.
      if (input.limits) {
        await assertUnderOpenOrderLimits(
          tx,
          { phone: form.phone, clientAddress: input.clientAddress ?? null },
          input.limits,
          now,
        );
      }
      const window = await windowOf(tx, form, now);
      // Lock and check first: a sold-out checkout ends here, and rows referencing the listings
      // are inserted only under the lock (see holds.server.ts).
      await assertUnitsAvailable(tx, lines, now);
      const listings = await tx.listing.findMany({
        where: { id: { in: lines.map((l) => l.listingId) }, published: true },
        select: {
          id: true,
          priceVnd: true,
          packLotId: true,
          titleVi: true,
          titleEn: true,
          packLot: { select: { lotCode: true } },
        },
      });
      const byId = new Map(listings.map((l) => [l.id, l]));
      const unknown = lines.filter((l) => !byId.has(l.listingId));
      if (unknown.length > 0)
        throw await soldOut(
          tx,
          unknown.map((l) => l.listingId),
        );
      await assertNoneWithheld(
        tx,
        listings.map(({ packLot, ...l }) => ({ ...l, lotCode: packLot.lotCode })),
      );
      const priced = lines.map((line) => {
        const listing = byId.get(line.listingId)!;
        return { ...line, unitPriceVnd: listing.priceVnd, packLotId: listing.packLotId };
      });
      const totalVnd = orderTotalVnd(priced);
      const reference = newOrderReference();
      const order = await tx.order.create({
        data: {
          reference,
          accessToken: newAccessToken(),
          userId: input.userId,
          contactName: form.name,
          contactPhone: form.phone,
          contactEmail: form.email,
          fulfilment: form.fulfilment,
          deliveryAddress: form.fulfilment === 'DELIVERY' ? form.address : null,
          pickupPointId: window?.pickupPointId ?? null,
          windowId: window?.id ?? null,
          windowStart: window?.startsAt ?? null,
          windowEnd: window?.endsAt ?? null,
          paymentMethod: form.paymentMethod,
          totalVnd,
          idempotencyKey: input.idempotencyKey ?? null,
          clientAddress: input.clientAddress ?? null,
          locale: input.locale ?? 'vi',
          createdAt: now,
          lines: {
            create: priced.map((line) => ({
              listingId: line.listingId,
              // The pack lot the buyer receives: a listing publishes exactly one lot.
              packLotId: line.packLotId,
              quantity: line.quantity,
              unitPriceVnd: line.unitPriceVnd,
              lineTotalVnd: lineTotalVnd(line),
            })),
          },
          events: { create: { status: 'PLACED', at: now } },
          payments: {
            create: {
              method: form.paymentMethod,
              amountVnd: totalVnd,
              // A transfer is matched by the reference the buyer types as its description.
              providerRef: form.paymentMethod === 'BANK_TRANSFER' ? reference : null,
            },
          },
        },
        select: { id: true, reference: true, accessToken: true, totalVnd: true, paymentMethod: true },
      });
      await holdUnits(tx, order.id, lines, expiresAt);
      if (input.cartId) await tx.cartLine.deleteMany({ where: { cartId: input.cartId } });
      // A card order is confirmed by its payment (card-events.server.ts); the others now.
      if (form.paymentMethod !== 'CARD') await queueOrderConfirmation(tx, order.id, now);
      return { ...order, totalVnd: fromStoredVnd(order.totalVnd), expiresAt };
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/** The window the order takes a place in; a delivery has none where the co-op runs no delivery windows. */
async function windowOf(tx: Tx, form: CheckoutForm, now: Date): Promise<TakenWindow | null> {
  if (form.windowId) return takeWindowPlace(tx, form.windowId, form.fulfilment, now);
  if (form.fulfilment === 'DELIVERY' && (await deliveryUsesWindows(tx, now))) throw refusal('WINDOW_REQUIRED');
  return null;
}
