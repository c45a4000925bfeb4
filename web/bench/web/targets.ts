import type { AutocannonRequest } from 'autocannon';
import type { ShopTargets } from './database.ts';

// What the load tool asks for. GET pages carry no cookies: a first visit by a guest, the traffic a
// shop sees most (a signed-in buyer's pages would add the session lookup to every loader).

export type TargetName = 'bare' | 'catalogue' | 'batch' | 'cart-add';

export type Target = {
  name: TargetName;
  /** What the table calls it. */
  label: string;
  requests: AutocannonRequest[];
};

export const BARE_PATH = '/_bench/bare';

export function benchTargets(shop: ShopTargets): Target[] {
  const get = (path: string): AutocannonRequest[] => [{ method: 'GET', path }];
  return [
    { name: 'bare', label: `bare page ${BARE_PATH}`, requests: get(BARE_PATH) },
    { name: 'catalogue', label: 'catalogue /', requests: get('/') },
    { name: 'batch', label: `batch page /batches/${shop.lotCode}`, requests: get(batchPath(shop.lotCode)) },
    { name: 'cart-add', label: 'cart-add POST /cart', requests: shopperAdds(shop.listingIds) },
  ];
}

export function batchPath(lotCode: string): string {
  return `/batches/${encodeURIComponent(lotCode)}`;
}

/** The batch page's "Add to cart" form as a browser without JavaScript posts it (then sent on to the cart). */
export const addForm = (listingId: string) =>
  new URLSearchParams({ intent: 'add', listingId, quantity: '1', redirectTo: '/cart' }).toString();

/**
 * Each connection is a run of shoppers: one adds one unit of each listing to a cart of their own
 * (the first add has no cookie and makes the cart, the next ones send the `sl_cart` cookie it
 * set), then leaves, and autocannon's next round starts with an empty context, a new shopper.
 * One cart per connection for the whole run would be unlike any buyer and soon hit the 99-unit
 * line limit (400s); no cookie at all would only ever test a cart's creation.
 *
 * The request is the plain form's (answered 302 to /cart, which is not followed: that is a cart
 * page view, not an add). With JavaScript the fetcher posts the same fields to /cart.data and
 * runs the same action; only the answer's encoding differs.
 */
function shopperAdds(listingIds: readonly string[]): AutocannonRequest[] {
  return listingIds.map((listingId, index) => ({
    method: 'POST',
    path: '/cart',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: addForm(listingId),
    setupRequest: (request, context) => {
      const cookie = index > 0 && typeof context.cart === 'string' ? context.cart : undefined;
      return cookie ? { ...request, headers: { ...request.headers, cookie } } : request;
    },
    onResponse: (_status, _body, context, headers) => {
      const cart = cartCookie(headers);
      if (cart) context.cart = cart;
    },
  }));
}

/** `sl_cart=…` from a response's Set-Cookie header(s), as a Cookie header value. */
export function cartCookie(headers: Record<string, string | string[]>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'set-cookie') continue;
    for (const line of Array.isArray(value) ? value : [value]) {
      if (line.startsWith('sl_cart=')) return line.split(';')[0];
    }
  }
  return undefined;
}
