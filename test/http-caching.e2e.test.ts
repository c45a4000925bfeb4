import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { demoUsers } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoot } from '../web/server/app.ts';
import { launchBrowser } from './support/browser.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor } from './support/web.ts';

// What the production server sends on the wire: compressed text, precompressed assets, public
// pages a cache may keep (with a validator), private pages nobody keeps, events sent as they happen.

let app: DemoApp;

beforeAll(async () => {
  app = await openDemoApp(new Date('2026-11-28T05:00:00Z'));
});

afterAll(() => app?.close());

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET that hands back the bytes as they came (fetch would decompress them). */
function rawGet(urlPath: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(urlPath, app.web.url), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

/** The largest script the catalogue loads (Remix's runtime): the one that most needs compressing. */
async function largestScript(): Promise<string> {
  const html = (await rawGet('/')).body.toString('utf8');
  const scripts = [...html.matchAll(/"(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const size = (p: string) => fs.statSync(path.join(webRoot, 'build', 'client', p)).size;
  return [...new Set(scripts)].sort((a, b) => size(b) - size(a))[0]!;
}

describe('a built script', () => {
  it('comes as Brotli to a browser that takes it, the same bytes once decompressed, kept a year', async () => {
    const script = await largestScript();
    const original = fs.readFileSync(path.join(webRoot, 'build', 'client', script));
    const response = await rawGet(script, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    // The type of the script itself, as it is sent uncompressed.
    const type = (raw: Raw) => raw.headers['content-type']?.toLowerCase();
    expect(type(response)).toMatch(/javascript/);
    expect(type(response)).toBe(type(await rawGet(script)));
    expect(response.headers['vary']).toMatch(/Accept-Encoding/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body.byteLength).toBeLessThan(original.byteLength / 3);
    expect(brotliDecompressSync(response.body).equals(original)).toBe(true);
  });

  it('comes as gzip to a browser that takes only gzip, and as itself to one that asks for nothing', async () => {
    const script = await largestScript();
    const original = fs.readFileSync(path.join(webRoot, 'build', 'client', script));
    const gzipped = await rawGet(script, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(original)).toBe(true);
    const plain = await rawGet(script);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });
});

describe('a public page', () => {
  const batchPath = async () => {
    const lot = await app.database.prisma.packLot.findFirstOrThrow({ where: { product: { slug: 'dua-luoi' } } });
    return `/batches/${lot.lotCode}`;
  };

  it('the catalogue comes compressed, and says it varies with the encoding', async () => {
    const response = await rawGet('/', { 'Accept-Encoding': 'br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['vary']).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(response.body).toString('utf8')).toContain('</html>');
  });

  it('a batch page may be kept a minute by anyone, then is answered 304 while it has not changed', async () => {
    const page = await batchPath();
    const first = await rawGet(page, { 'Accept-Encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    expect(first.headers['vary']).toMatch(/Cookie/);
    const etag = first.headers['etag']!;
    expect(etag).toMatch(/^W\/".+"$/);
    // Rendered again (with a new CSP nonce), it is the same page: same tag, no body.
    const again = await rawGet(page, { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers['etag']).toBe(etag);
    // The kept page's scripts carry the first answer's nonce: a new CSP would block them.
    expect(again.headers['content-security-policy']).toBeUndefined();
    expect(first.headers['content-security-policy']).toBeDefined();
  });

  it('reloaded in a browser, comes from its cache after a 304, and its scripts still run', async () => {
    const browser = await launchBrowser();
    try {
      // Seen without the service worker the page registers (it would answer the reload itself,
      // hiding the wire): as a browser without one, or a first visit, meets the cache.
      for (const serviceWorkers of ['block', 'allow'] as const) {
        const page = await (await browser.newContext({ serviceWorkers })).newPage();
        const errors: string[] = [];
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        const url = new URL(await batchPath(), app.web.url).href;
        await page.goto(url, { waitUntil: 'networkidle' });
        const reload = await page.reload({ waitUntil: 'networkidle' });
        if (serviceWorkers === 'block') {
          // Chromium reports the kept page's 200; what came over the wire was the 304's headers alone.
          expect(await reload?.headerValue('etag')).toMatch(/^W\//);
          expect(await reload?.headerValue('content-type')).toBeNull();
          expect(await reload?.headerValue('content-security-policy')).toBeNull();
        }
        // Hydrated: Remix's router exists only once its scripts ran (a blocked nonce stops them).
        expect(await page.evaluate(() => typeof Reflect.get(window, '__remixRouter'))).toBe('object');
        expect(errors).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });

  it("a batch page's data for client navigation is kept and validated the same way", async () => {
    const data = `${await batchPath()}.data`;
    const first = await rawGet(data);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    const again = await rawGet(data, { 'If-None-Match': first.headers['etag']! });
    expect(again.status).toBe(304);
  });

  it("is the signed-in buyer's own: kept by their browser only, and asked again each time", async () => {
    const buyer = await signedInVisitor(app.web.url, 'khachhang@example.vn');
    const response = await buyer.get(await batchPath());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('vary')).toMatch(/Cookie/);
  });
});

describe('a listing photo', () => {
  it('is sent as it is (already compressed), kept a year: its URL names one photo at one size', async () => {
    const html = (await rawGet('/')).body.toString('utf8');
    const photo = /"(\/photos\/[^"\s]+)"/.exec(html)?.[1];
    expect(photo).toBeDefined();
    const response = await rawGet(photo!, { 'Accept-Encoding': 'br, gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^image\//);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('a private page', () => {
  it('of the back office is never stored', async () => {
    const staff = demoUsers.find((u) => u.role === 'STAFF' || u.role === 'ADMIN')!;
    const visitor = await signedInVisitor(app.web.url, staff.email);
    const response = await visitor.get('/coop/orders');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('the log-in form is never stored', async () => {
    expect((await rawGet('/login')).headers['cache-control']).toBe('private, no-store');
  });
});

describe("a greenhouse's live events", () => {
  it('reach the page at once, uncompressed, through a server that compresses', async () => {
    const farmer = demoUsers.find((u) => u.role === 'FARMER')!;
    const visitor = await signedInVisitor(app.web.url, farmer.email);
    const greenhouse = await app.database.prisma.greenhouse.findFirstOrThrow({
      where: { farm: { code: farmer.farmCode! } },
    });
    const controller = new AbortController();
    const started = Date.now();
    const response = await fetch(new URL(`/farm/live/${greenhouse.id}`, app.web.url), {
      headers: { Cookie: visitor.cookieHeader(), 'Accept-Encoding': 'br, gzip' },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('content-encoding')).toBeNull();
    const first = await response.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain('retry:');
    expect(Date.now() - started).toBeLessThan(2_000);
    controller.abort();
  });
});
