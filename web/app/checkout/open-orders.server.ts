import type { Db, Tx } from '@seedline/db';
import { refusal } from '../errors/refusals.ts';
import { type Limit, countOrRefuse } from '../limits/rate-limit.server.ts';

// Orders waiting to be paid or confirmed hold units that nobody else can buy. A script ordering
// cash on delivery again and again would hold the whole shop, so each buyer may have only a few
// orders waiting at once: per phone number (who will receive it) and per client address.

export type OpenOrderLimits = { perPhone: number; perClient: number };

export const openOrderLimits: OpenOrderLimits = {
  // A household rarely has more than one order waiting for the co-op's call; two allows a second
  // order for a neighbour.
  perPhone: 2,
  // One address can be many buyers: a village shop's router, or a mobile carrier that puts
  // thousands of phones behind one address (common in Vietnam). Five waiting orders per address
  // lets a few neighbours order the same afternoon; staff confirming by phone frees the count.
  perClient: 5,
};

/**
 * Refuses (TOO_MANY_OPEN_ORDERS) an order beyond the limits. Holds an advisory lock per phone and
 * then per client until the transaction ends, so two checkouts at once cannot both slip under;
 * call it before the listing locks (holds.server.ts), always in this order.
 */
export async function assertUnderOpenOrderLimits(
  tx: Tx,
  buyer: { phone: string; clientAddress: string | null },
  limits: OpenOrderLimits,
  now: Date,
): Promise<void> {
  // An order counts while it is placed and still holds units (a hold that ran out holds nothing).
  const waiting = { status: 'PLACED' as const, reservations: { some: { releasedAt: null, expiresAt: { gt: now } } } };
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('open-orders'), hashtext(${`phone:${buyer.phone}`}))::text`;
  const byPhone = await tx.order.count({ where: { ...waiting, contactPhone: buyer.phone } });
  if (byPhone >= limits.perPhone) throw refusal('TOO_MANY_OPEN_ORDERS', { max: limits.perPhone });
  if (!buyer.clientAddress) return;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('open-orders'), hashtext(${`client:${buyer.clientAddress}`}))::text`;
  const byClient = await tx.order.count({ where: { ...waiting, clientAddress: buyer.clientAddress } });
  if (byClient >= limits.perClient) throw refusal('TOO_MANY_OPEN_ORDERS', { max: limits.perClient });
}

// Checkouts sent from one address: a buyer who corrects a field a few times stays far below it; a
// script placing order after order does not (with the limits on waiting orders above).
const checkoutLimit: Limit = { max: 20, windowMs: 10 * 60_000 };

/** Counts a checkout from `clientAddress`; past the limit, refused with CHECKOUT_THROTTLED and the wait. */
export function countCheckout(db: Db, clientAddress: string, now: Date): Promise<void> {
  return countOrRefuse(db, `checkout:client:${clientAddress}`, checkoutLimit, 'CHECKOUT_THROTTLED', now);
}
