import type { Fulfilment, OrderStatus } from '@seedline/db';
import type { DomainError } from '@seedline/db/domain-error';
import { type WebRefusal, refusal } from '../errors/refusals.ts';

// The order lifecycle as data: every status change in the app goes through `assertTransition`.
//   PLACED ─┬─> PAID (card) ──────┬─> PACKED ─┬─> HANDED_OVER ─> DELIVERED   (delivery: via the courier)
//           └─> CONFIRMED ────────┘           └─> DELIVERED                  (pickup: from the shelf)
// CANCELLED and REFUNDED end an order. An order paid for is refunded, not cancelled (see `mayCancel`).
const transitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PLACED: ['PAID', 'CONFIRMED', 'CANCELLED'],
  PAID: ['PACKED', 'REFUNDED'],
  CONFIRMED: ['PACKED', 'CANCELLED', 'REFUNDED'],
  PACKED: ['HANDED_OVER', 'DELIVERED', 'CANCELLED', 'REFUNDED'],
  HANDED_OVER: ['DELIVERED', 'CANCELLED', 'REFUNDED'],
  DELIVERED: ['REFUNDED'],
  CANCELLED: [],
  REFUNDED: [],
};

/** ILLEGAL_TRANSITION: the order `reference` cannot do what was asked in the status it is in. */
export function illegalTransition(reference: string, status: OrderStatus): DomainError<WebRefusal> {
  return refusal('ILLEGAL_TRANSITION', { reference, status: { key: `order.${status}` } });
}

/** Where a packed order goes next: a delivery to the courier, a pickup into the buyer's hands. */
const afterPacking: Readonly<Record<Fulfilment, OrderStatus>> = { DELIVERY: 'HANDED_OVER', PICKUP: 'DELIVERED' };

/** An order as the lifecycle needs it: where it is, and how it reaches the buyer. */
export type OrderState = { status: OrderStatus; fulfilment: Fulfilment };

export function canTransition(order: OrderState, to: OrderStatus): boolean {
  if (!transitions[order.status].includes(to)) return false;
  const leavesShelf = order.status === 'PACKED' && (to === 'HANDED_OVER' || to === 'DELIVERED');
  return !leavesShelf || to === afterPacking[order.fulfilment];
}

export function assertTransition(order: OrderState & { reference: string }, to: OrderStatus): void {
  if (!canTransition(order, to)) throw illegalTransition(order.reference, order.status);
}

/** The units were sold (taken from stock) when the order reached this status. */
export function isSold(status: OrderStatus): boolean {
  return status !== 'PLACED' && status !== 'CANCELLED';
}

/**
 * Ending an order puts its units back on sale only while they are still at the cooperative: a
 * handed-over or delivered pack is not sellable again.
 */
export function restocks(from: OrderStatus, to: OrderStatus): boolean {
  const ending = to === 'CANCELLED' || to === 'REFUNDED';
  return ending && (from === 'PAID' || from === 'CONFIRMED' || from === 'PACKED');
}

/** Money already taken (card, received transfer, cash) goes back by a refund, which also ends the order; a cancel would keep it. */
export function mayCancel(order: OrderState, paid: boolean): boolean {
  return canTransition(order, 'CANCELLED') && !paid;
}
