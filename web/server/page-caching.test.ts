import { describe, expect, it } from 'vitest';
import { cachePolicy, matches, notStored, pageTag, personalPage, sharedPage, withCaching } from './page-caching.ts';

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://shop.test${path}`, { headers });
const page = (init: ResponseInit = {}) => new Response('<html>page</html>', { status: 200, ...init });

describe('which answers a cache may keep', () => {
  it('the catalogue and a batch page (and their data) are shared with a visitor who has no cart or session', () => {
    for (const path of ['/', '/_root.data', '/batches/XH-261125-01-1', '/batches/XH-261125-01-1.data']) {
      expect(cachePolicy(get(path), page())).toBe(sharedPage);
      // The language is a cookie too: still shared (Vary: Cookie keeps each language apart).
      expect(cachePolicy(get(path, { Cookie: 'sl_lang=ImVuIg%3D%3D' }), page())).toBe(sharedPage);
    }
  });

  it('with a cart, a session or any other cookie they are this browser’s own, asked again each time', () => {
    for (const cookie of ['sl_cart=abc', 'sl_session=abc', 'sl_lang=x; sl_cart=abc', 'something_new=1']) {
      expect(cachePolicy(get('/batches/L1', { Cookie: cookie }), page())).toBe(personalPage);
    }
  });

  it('an answer that sets a cookie, is not a 200, is not a GET, or is another page is not stored', () => {
    expect(cachePolicy(get('/'), page({ headers: { 'Set-Cookie': 'sl_cart=1' } }))).toBe(notStored);
    expect(cachePolicy(get('/batches/NOPE'), page({ status: 404 }))).toBe(notStored);
    expect(cachePolicy(new Request('http://shop.test/batches/L1', { method: 'POST' }), page())).toBe(notStored);
    for (const path of ['/cart', '/checkout', '/login', '/coop/orders', '/farm', '/batches/L1/x']) {
      expect(cachePolicy(get(path), page())).toBe(notStored);
    }
  });

  it("a route's own Cache-Control is kept", () => {
    expect(cachePolicy(get('/photos/p/640.webp'), page({ headers: { 'Cache-Control': 'immutable' } }))).toBeUndefined();
  });
});

describe('the validator of a page', () => {
  it('is the same for two renders that differ only by their nonce, and differs with the content', () => {
    const render = (nonce: string, text = 'story') =>
      new TextEncoder().encode(`<script nonce="${nonce}">x</script>${text}`);
    expect(pageTag(render('n0nceA=='), 'n0nceA==')).toBe(pageTag(render('n0nceB=='), 'n0nceB=='));
    expect(pageTag(render('n0nceA==', 'price 10'), 'n0nceA==')).not.toBe(
      pageTag(render('n0nceA==', 'price 11'), 'n0nceA=='),
    );
  });

  it('matches If-None-Match weakly, in a list, or as *', () => {
    expect(matches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(matches('"abc"', 'W/"abc"')).toBe(true);
    expect(matches('W/"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(matches('*', 'W/"abc"')).toBe(true);
    expect(matches('W/"abcd"', 'W/"abc"')).toBe(false);
    expect(matches(null, 'W/"abc"')).toBe(false);
  });

  it('answers 304 with no body and no content headers when the browser has the page', async () => {
    const first = await withCaching(get('/'), page({ headers: { 'Content-Type': 'text/html' } }));
    const tag = first.headers.get('ETag')!;
    const again = await withCaching(
      get('/', { 'If-None-Match': tag }),
      page({ headers: { 'Content-Type': 'text/html' } }),
    );
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('ETag')).toBe(tag);
    expect(again.headers.get('Cache-Control')).toBe(sharedPage);
    expect(again.headers.get('Vary')).toBe('Cookie, Accept-Encoding');
    expect(again.headers.get('Content-Type')).toBeNull();
  });
});
