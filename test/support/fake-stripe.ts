import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small stand-in for Stripe's API that the real `stripe` SDK talks to (there is no stripe-mock
 * in the registries here): Checkout Sessions with idempotency keys, a payment page, refunds, and
 * signed webhooks to the app. Only what Seedline uses, answering in Stripe's shapes.
 */
export type FakeSession = {
  id: string;
  object: 'checkout.session';
  mode: 'payment';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  currency: 'vnd';
  amount_total: number;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  url: string;
  line_items: { quantity: number; unit_amount: number; name: string }[];
};

export type FakeRefund = { id: string; object: 'refund'; amount: number; payment_intent: string; status: 'succeeded' };

export type FakeStripe = {
  url: string;
  sessions: Map<string, FakeSession>;
  refunds: FakeRefund[];
  /** Every API call, in order: method, path and idempotency key. */
  calls: { method: string; path: string; idempotencyKey: string | null }[];
  /** Where the pay page sends `checkout.session.completed`, signed with `secret`. */
  webhook: { url: string; secret: string } | null;
  /** How many of the next refund requests Stripe fails (500, as when it is having a bad day). */
  failingRefunds: number;
  close(): Promise<void>;
};

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;

/** Reads Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

const list = (value: unknown) => Object.values((value ?? {}) as Record<string, Record<string, unknown>>);

export async function startFakeStripe(): Promise<FakeStripe> {
  const sessions = new Map<string, FakeSession>();
  const byIdempotencyKey = new Map<string, unknown>();
  const refunds: FakeRefund[] = [];
  const calls: FakeStripe['calls'] = [];
  let base = '';

  const fake: FakeStripe = {
    url: '',
    sessions,
    refunds,
    calls,
    webhook: null,
    failingRefunds: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req') });
    res.end(JSON.stringify(body));
  };
  const stripeError = (res: http.ServerResponse, status: number, message: string) =>
    json(res, status, { error: { type: 'invalid_request_error', message } });

  const createSession = (form: Record<string, unknown>): FakeSession => {
    const items = list(form.line_items).map((item) => {
      const price = item.price_data as Record<string, unknown>;
      return {
        quantity: Number(item.quantity),
        unit_amount: Number(price.unit_amount),
        name: String((price.product_data as Record<string, unknown>).name),
      };
    });
    const sessionId = id('cs');
    const session: FakeSession = {
      id: sessionId,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      currency: 'vnd',
      amount_total: items.reduce((sum, i) => sum + i.quantity * i.unit_amount, 0),
      client_reference_id: (form.client_reference_id as string) ?? null,
      customer_email: (form.customer_email as string) ?? null,
      metadata: (form.metadata as Record<string, string>) ?? {},
      payment_intent: null,
      success_url: String(form.success_url),
      cancel_url: String(form.cancel_url),
      url: `${base}/pay/${sessionId}`,
      line_items: items,
    };
    sessions.set(sessionId, session);
    return session;
  };

  const api = async (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    const path = new URL(req.url ?? '/', base).pathname;
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
    calls.push({ method: req.method ?? '', path, idempotencyKey: key });
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_test_')) {
      return stripeError(res, 401, 'Invalid API Key provided');
    }
    // Same key, same answer: what makes a retried create safe.
    if (req.method === 'POST' && key && byIdempotencyKey.has(key)) return json(res, 200, byIdempotencyKey.get(key));
    let answer: unknown;
    const sessionMatch = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/);
    if (req.method === 'POST' && path === '/v1/checkout/sessions') {
      answer = createSession(parseForm(body));
    } else if (req.method === 'GET' && sessionMatch) {
      answer = sessions.get(sessionMatch[1]!);
      if (!answer) return stripeError(res, 404, `No such checkout.session: '${sessionMatch[1]}'`);
    } else if (req.method === 'POST' && path === '/v1/refunds') {
      if (fake.failingRefunds > 0) {
        fake.failingRefunds--;
        return stripeError(res, 500, 'An error occurred with our connection to Stripe.');
      }
      const form = parseForm(body);
      const paid = [...sessions.values()].find((s) => s.payment_intent === form.payment_intent);
      if (!paid) return stripeError(res, 404, `No such payment_intent: '${String(form.payment_intent)}'`);
      const refund: FakeRefund = {
        id: id('re'),
        object: 'refund',
        amount: form.amount ? Number(form.amount) : paid.amount_total,
        payment_intent: paid.payment_intent!,
        status: 'succeeded',
      };
      refunds.push(refund);
      answer = refund;
    } else {
      return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path})`);
    }
    if (key) byIdempotencyKey.set(key, answer);
    return json(res, 200, answer);
  };

  /** The hosted payment page: "Pay" completes the session, tells the app, and returns the buyer. */
  const payPage = async (req: http.IncomingMessage, res: http.ServerResponse, sessionId: string) => {
    const session = sessions.get(sessionId);
    if (!session) {
      res.writeHead(404).end('no such session');
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Fake Stripe Checkout</title><h1>Pay ${session.amount_total} VND</h1>` +
          `<form method="post"><button type="submit">Pay</button></form><a href="${session.cancel_url}">Back</a>`,
      );
      return;
    }
    if (session.status === 'open') {
      session.status = 'complete';
      session.payment_status = 'paid';
      session.payment_intent = id('pi');
      if (fake.webhook) {
        const response = await sendWebhook(
          fake.webhook.url,
          fake.webhook.secret,
          event('checkout.session.completed', session),
        );
        if (!response.ok) console.warn(`fake Stripe: the webhook answered ${response.status}`);
      }
    }
    res.writeHead(303, { Location: session.success_url }).end();
  };

  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const pay = (req.url ?? '').match(/^\/pay\/([\w]+)$/);
      const work = pay ? payPage(req, res, pay[1]!) : api(req, res, body);
      work.catch((error: unknown) => {
        console.error('fake Stripe failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = base;
  return fake;
}

/** A Stripe event around `object`, as Stripe delivers it. */
export function event(type: string, object: object, eventId = id('evt')) {
  return {
    id: eventId,
    object: 'event',
    api_version: '2025-01-01',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type,
    data: { object },
  };
}

/** Posts `payload` to the app's webhook with a Stripe-Signature made with `secret` (a wrong secret forges it). */
export function sendWebhook(url: string, secret: string, payload: object): Promise<Response> {
  const body = JSON.stringify(payload);
  const signature = new Stripe('sk_test_signing_only').webhooks.generateTestHeaderString({ payload: body, secret });
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
    body,
  });
}
