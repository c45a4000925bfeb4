import { withAdminClient } from '@seedline/db/testing';
import type { ShopTargets } from './database.ts';
import { BARE_PATH, addForm, batchPath, cartCookie } from './targets.ts';

// Before the load: each target answers what a person would see, so the load measures pages, not
// fast error pages, and the pack's Digital Link leads to the batch page. After it: the carts are in
// the database, so the 200s were real adds.

export async function checkTargets(baseUrl: string, shop: ShopTargets): Promise<void> {
  const page = async (path: string, marker: string) => {
    const response = await fetch(new URL(path, baseUrl));
    const html = await response.text();
    if (response.status !== 200 || !html.includes(marker)) {
      throw new Error(`GET ${path}: ${response.status}, ${html.includes(marker) ? '' : `no "${marker}" in the page`}`);
    }
  };
  await page(BARE_PATH, '<p>Seedline</p>');
  await page('/', batchPath(shop.lotCode));
  await page(batchPath(shop.lotCode), 'add-to-cart');
  // The pack's QR code: the browser part opens the batch page this way.
  const link = await fetch(new URL(shop.digitalLink, baseUrl), { redirect: 'manual' });
  if (link.status !== 307 || link.headers.get('location') !== batchPath(shop.lotCode)) {
    throw new Error(
      `GET ${shop.digitalLink}: ${link.status} to ${link.headers.get('location')}, not to the batch page`,
    );
  }

  let cookie: string | undefined;
  for (const listingId of shop.listingIds) {
    const response = await fetch(new URL('/cart', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: addForm(listingId),
      redirect: 'manual',
    });
    cookie ??= cartCookie({ 'set-cookie': response.headers.getSetCookie() });
    if (response.status !== 302 || response.headers.get('location') !== '/cart' || !cookie) {
      throw new Error(`POST /cart (add ${listingId}): ${response.status}, cookie ${cookie ? 'set' : 'missing'}`);
    }
  }
  const cart = await fetch(new URL('/cart', baseUrl), { headers: { cookie: cookie! } });
  const lines = [...(await cart.text()).matchAll(/<li class="cart-line/g)].length;
  if (lines !== shop.listingIds.length) {
    throw new Error(`GET /cart after ${shop.listingIds.length} adds: ${cart.status}, ${lines} lines`);
  }
}

/** Units in carts, counted in the database. */
export function unitsInCarts(databaseUrl: string): Promise<number> {
  return withAdminClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ units: string }>(
      'SELECT coalesce(sum(quantity), 0) AS units FROM "CartLine"',
    );
    return Number(rows[0]?.units ?? 0);
  });
}
