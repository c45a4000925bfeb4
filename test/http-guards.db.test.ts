import { type Database, demoPassword, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, setEnv } from '../web/app/env.server.ts';
import type { RunningServer } from '../web/server/start.ts';
import { startTestWeb } from './support/web.ts';

// What the HTTP server refuses before the app reads a request, and the headers of every answer.

let database: Database;
let web: RunningServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  web = await startTestWeb(database, { STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' });
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

const logIn = (headers: Record<string, string>) =>
  fetch(new URL('/login', web.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ email: 'khachhang@example.vn', password: demoPassword }),
    redirect: 'manual',
  });

describe('a POST from another site', () => {
  const crossSite: Record<string, string>[] = [
    { Origin: 'https://evil.example' },
    { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://evil.example' },
    { 'Sec-Fetch-Site': 'same-site' },
    { Origin: 'null' },
  ];
  it.each(crossSite)('is refused before the app reads it (%o): no session starts', async (headers) => {
    const before = await database.prisma.session.count();
    const response = await logIn(headers);
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await database.prisma.session.count()).toBe(before);
  });

  it('from the shop itself, or from no page at all, goes through', async () => {
    expect((await logIn({ Origin: web.url, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(302);
    expect((await logIn({ Origin: web.url })).status).toBe(302);
    expect((await logIn({})).status).toBe(302);
  });

  it("except Stripe's webhook, which proves itself with its signature", async () => {
    const response = await fetch(new URL('/webhooks/stripe', web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://stripe.com', 'Sec-Fetch-Site': 'cross-site' },
      body: '{}',
    });
    expect(response.status).toBe(400);
  });
});

describe('a request body', () => {
  it('over 64 KB is refused with 413 for a form, and nothing is written', async () => {
    const before = await database.prisma.user.count();
    const response = await fetch(new URL('/signup', web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'x'.repeat(70_000), email: 'big@example.vn', password: 'long enough pw' }),
    });
    expect(response.status).toBe(413);
    expect(await database.prisma.user.count()).toBe(before);
  });

  it("of 200 KB still reaches Stripe's webhook (its events are larger than forms)", async () => {
    const response = await fetch(new URL('/webhooks/stripe', web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(200_000) }),
    });
    expect(response.status).toBe(400);
  });

  it('without a length is refused with 411', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('email=a%40b.vn&password=x'));
        controller.close();
      },
    });
    const response = await fetch(new URL('/login', web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(411);
  });
});

describe('every page', () => {
  it('carries a Content-Security-Policy whose nonce is on each inline script, and may not be framed', async () => {
    const response = await fetch(new URL('/', web.url));
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://checkout.stripe.com");
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
    const again = (await fetch(new URL('/', web.url))).headers.get('content-security-policy');
    expect(again).not.toContain(nonce);
  });

  it('is told to browsers as https-only (HSTS) once the shop is public over https, not before', async () => {
    expect((await fetch(new URL('/', web.url))).headers.get('strict-transport-security')).toBeNull();
    // A second server sets the (process-wide) environment: the first one's is put back after.
    const before = env();
    const behindHttps = await startTestWeb(database, { PUBLIC_URL: 'https://shop.example' });
    try {
      const response = await fetch(new URL('/', behindHttps.url));
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await behindHttps.close();
      setEnv(before);
    }
  });
});
