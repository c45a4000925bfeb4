import type { ActionFunctionArgs } from '@remix-run/node';
import { applyStripeEvent } from '../checkout/card-events.server.ts';
import { stripeSettings } from '../checkout/settings.server.ts';
import { verifiedEvent } from '../checkout/stripe.server.ts';
import { db } from '../db.server.ts';
import { attemptRefund } from '../orders/refunds.server.ts';
import { kickEmailOutbox } from '../orders/email-outbox.server.ts';

// Stripe's webhook: POST only (no loader, so a GET is answered 405 by Remix).

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return new Response('Method not allowed', { status: 405 });
  if (!stripeSettings()) return new Response('Card payments are not configured', { status: 404 });
  // The signature covers the exact bytes: read the raw body, never a re-serialised one.
  const payload = await request.text();
  let event;
  try {
    event = verifiedEvent(payload, request.headers.get('stripe-signature'));
  } catch (error) {
    console.warn(`Stripe webhook refused: ${error instanceof Error ? error.message : String(error)}`);
    return new Response('Bad signature', { status: 400 });
  }
  const result = await applyStripeEvent(db(), event, new Date());
  // Stripe is asked at once; if it says no, the refund retries (refunds.server.ts) ask again.
  if (result.outcome === 'refund-owed') await attemptRefund(db(), result.refundId, new Date());
  // A payment queued its confirmation with the order's change: send it now, not at the next poll.
  if (result.outcome === 'applied') kickEmailOutbox();
  return Response.json({ received: true, outcome: result.outcome });
}
