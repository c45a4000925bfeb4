import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listingOf, reserve } from '../web/app/shop/testkit.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';

// The production server keeps the public pages rendered (web/server/kept-pages.ts, decision 036):
// answered again without rendering while they hold, with this answer's own nonce, and never a page
// as it was before a committed write or after an order's hold ran out.

let app: DemoApp;
const db = () => app.database.prisma;

beforeAll(async () => {
  // The demo as of now: the holds made here run out in real time.
  app = await openDemoApp(new Date());
});
afterAll(() => app?.close());

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, app.web.url), { headers });
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  return { response, kept: response.headers.get('x-seedline-page') === 'kept', nonce, text: await response.text() };
}

const melonPage = async () =>
  `/batches/${(await db().packLot.findFirstOrThrow({ where: { product: { slug: 'dua-luoi' } } })).lotCode}`;

describe('a public page kept rendered', () => {
  it('is answered again without rendering, with its own nonce on the page and in its policy', async () => {
    const page = await melonPage();
    const first = await get(page);
    const again = await get(page);
    expect(again.kept).toBe(true);
    expect(again.response.status).toBe(200);
    expect(again.nonce).toBeDefined();
    expect(again.nonce).not.toBe(first.nonce);
    // The page's inline scripts carry this answer's nonce, and nothing else differs.
    expect(again.text).toContain(`nonce="${again.nonce!}"`);
    expect(again.text).not.toContain(first.nonce!);
    expect(again.text.replaceAll(again.nonce!, '')).toBe(first.text.replaceAll(first.nonce!, ''));
    // Its validator still answers a browser that has it.
    const tag = again.response.headers.get('etag')!;
    expect((await get(page, { 'If-None-Match': tag })).response.status).toBe(304);
  });

  it('is rendered again after a committed write it shows, and shows it', async () => {
    const page = await melonPage();
    await get(page);
    expect((await get(page)).kept).toBe(true);
    const { id } = await listingOf(db(), 'dua-luoi');
    await db().listing.update({ where: { id }, data: { priceVnd: 91_000 } });
    const after = await get(page);
    expect(after.kept).toBe(false);
    expect(after.text).toContain('91.000');
  });

  it("gives the catalogue's units back when an order's hold runs out, though nothing is written", async () => {
    const { id, stock } = await listingOf(db(), 'ca-chua-bi');
    await reserve(db(), id, 7, new Date(Date.now() + 4_000));
    const held = await get('/');
    expect(held.text).toContain(`Còn ${stock - 7}`);
    expect((await get('/')).kept).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const freed = await get('/');
    expect(freed.kept).toBe(false);
    expect(freed.text).toContain(`Còn ${stock}`);
  });

  it('is never the answer to a visitor with a cart or a session, nor kept from one', async () => {
    const page = await melonPage();
    await db().listing.updateMany({ data: { priceVnd: { increment: 1 } } });
    const withCart = await get(page, { Cookie: 'sl_cart=abc' });
    expect(withCart.kept).toBe(false);
    expect((await get(page, { Cookie: 'sl_cart=abc' })).kept).toBe(false);
    // The visitor's own render was not kept for the next visitor either.
    expect((await get(page)).kept).toBe(false);
    expect((await get(page)).kept).toBe(true);
  });

  it('keeps each language apart', async () => {
    const page = await melonPage();
    const english = 'sl_lang=ImVuIg%3D%3D';
    await get(page);
    await get(page, { Cookie: english });
    const vi = await get(page);
    const en = await get(page, { Cookie: english });
    expect([vi.kept, en.kept]).toEqual([true, true]);
    expect(vi.text).toContain('Dưa lưới');
    expect(en.text).toContain('Netted melon');
  });
});
