// Test helpers for checkout: the demo cooperative, a listing with a known stock, orders and Stripe events.
import type { Db } from '@seedline/db';
import type Stripe from 'stripe';
import type { CheckoutForm } from './form.ts';
import { offeredWindows } from '../fulfilment/windows.server.ts';

export const guest: CheckoutForm = {
  name: 'Lê Thị Hoa',
  phone: '0912345678',
  email: 'hoa@example.vn',
  fulfilment: 'DELIVERY',
  address: '12 Lê Lai, phường Hạc Thành, Thanh Hóa',
  windowId: null,
  paymentMethod: 'CARD',
};

/** A published demo listing with exactly `stock` units and no holds; returns its id and price. */
export async function listingWithStock(db: Db, stock: number, index = 0) {
  const listings = await db.listing.findMany({ where: { published: true }, orderBy: { id: 'asc' } });
  const listing = listings[index];
  if (!listing) throw new Error(`the demo has no published listing number ${index}`);
  await db.stockReservation.deleteMany({ where: { listingId: listing.id } });
  await db.listing.update({ where: { id: listing.id }, data: { stock } });
  return { id: listing.id, priceVnd: listing.priceVnd, packLotId: listing.packLotId };
}

/** An open window of the demo's pickup schedules at `now`: what a buyer choosing pickup would pick. */
export async function openPickupWindow(db: Db, now: Date, index = 0) {
  const windows = (await offeredWindows(db, now)).filter((w) => w.fulfilment === 'PICKUP' && w.state === 'open');
  const window = windows[index];
  if (!window) throw new Error(`the demo has no open pickup window number ${index} at ${now.toISOString()}`);
  return window;
}

let eventCount = 0;

/** A Stripe event as the webhook would receive it, verified. Only the fields the handlers read. */
export function stripeEvent(
  type: string,
  object: Record<string, unknown>,
  id = `evt_test_${++eventCount}`,
): Stripe.Event {
  return { id, object: 'event', type, created: 0, livemode: false, data: { object } } as unknown as Stripe.Event;
}

export function paidSession(
  order: { id: string; reference: string; totalVnd: number },
  paymentIntent = `pi_${order.id}`,
) {
  return {
    id: `cs_${order.id}`,
    object: 'checkout.session',
    payment_status: 'paid',
    status: 'complete',
    currency: 'vnd',
    amount_total: order.totalVnd,
    client_reference_id: order.id,
    metadata: { orderId: order.id, reference: order.reference },
    payment_intent: paymentIntent,
  };
}

/**
 * The charge of a card order paid through `paidSession` (same payment intent), as Stripe reports it
 * after refunding `amountRefunded` of it in all. `byOrder`: the charge names the order in its
 * metadata, as ours do; one refunded from Stripe's dashboard may not.
 */
export function refundedCharge(order: { id: string }, id: string, amountRefunded: number, byOrder = false) {
  return {
    id,
    object: 'charge',
    payment_intent: `pi_${order.id}`,
    amount_refunded: amountRefunded,
    metadata: byOrder ? { orderId: order.id } : {},
  };
}
