import Stripe from 'stripe';
import { env } from '../env.server.ts';
import { type PricedLine, stripeLineItems } from './amounts.ts';
import { type StripeSettings, stripeSettings } from './settings.server.ts';

let cached: { key: string; client: Stripe } | undefined;

/** The Stripe client for the configured key and API address (a local fake in tests). */
export function stripeClient(settings: StripeSettings): Stripe {
  const key = `${settings.secretKey} ${settings.apiBase?.href ?? ''}`;
  if (cached?.key === key) return cached.client;
  const base = settings.apiBase;
  const client = new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
  cached = { key, client };
  return client;
}

export class CardPaymentsDisabledError extends Error {
  override name = 'CardPaymentsDisabledError';
}

function configuredClient(): Stripe {
  const settings = stripeSettings();
  if (!settings) throw new CardPaymentsDisabledError('STRIPE_SECRET_KEY is not set');
  return stripeClient(settings);
}

export type CardCheckout = {
  id: string;
  reference: string;
  accessToken: string;
  contactEmail: string | null;
  lines: (PricedLine & { name: string })[];
};

/** The private address of an order's page. */
export function orderPath(order: { reference: string; accessToken: string }): string {
  return `/orders/${encodeURIComponent(order.reference)}?t=${encodeURIComponent(order.accessToken)}`;
}

/**
 * The Stripe Checkout Session of an order. The idempotency key is the order's: asking again (the
 * buyer retries, a request is repeated) returns the same session instead of a second charge. So
 * the parameters must be the same every time: nothing here depends on the clock.
 */
export async function checkoutSession(order: CardCheckout) {
  const publicUrl = env().PUBLIC_URL;
  const page = new URL(orderPath(order), publicUrl);
  const success = new URL(page);
  success.searchParams.set('paid', '1');
  const metadata = { orderId: order.id, reference: order.reference };
  const session = await configuredClient().checkout.sessions.create(
    {
      mode: 'payment',
      line_items: stripeLineItems(order.lines),
      client_reference_id: order.id,
      metadata,
      payment_intent_data: { metadata, description: order.reference },
      ...(order.contactEmail ? { customer_email: order.contactEmail } : {}),
      success_url: success.href,
      cancel_url: page.href,
    },
    { idempotencyKey: `seedline-checkout-${order.id}` },
  );
  if (!session.url) throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
  return { id: session.id, url: session.url };
}

/** Returns a card payment through Stripe; one refund per order, whatever the retries. */
export async function refundCardPayment(input: {
  orderId: string;
  paymentIntentId: string;
  amountVnd: number;
  /** One per refund: the same key asked again gets the same refund back, never a second one. */
  idempotencyKey?: string;
}) {
  const refund = await configuredClient().refunds.create(
    { payment_intent: input.paymentIntentId, amount: input.amountVnd, metadata: { orderId: input.orderId } },
    { idempotencyKey: input.idempotencyKey ?? `seedline-refund-${input.orderId}` },
  );
  return { id: refund.id, amountVnd: refund.amount };
}

/** The verified event of a webhook request; throws on a bad or missing signature. */
export function verifiedEvent(payload: string, signature: string | null): Stripe.Event {
  const settings = stripeSettings();
  if (!settings) throw new CardPaymentsDisabledError('STRIPE_WEBHOOK_SECRET is not set');
  return stripeClient(settings).webhooks.constructEvent(payload, signature ?? '', settings.webhookSecret);
}
