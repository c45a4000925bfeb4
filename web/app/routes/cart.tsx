import { type LoaderFunctionArgs, data, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { safeRedirect } from '../auth/redirect.ts';
import { db } from '../db.server.ts';
import { formAction } from '../forms/form-action.server.ts';
import { useFormResult } from '../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../i18n/i18n.ts';
import { checkout as checkoutTexts } from '../i18n/messages/checkout.ts';
import { cartForm } from '../shop/cart.ts';
import {
  addToCart,
  cartCookieHeader,
  ensureCart,
  findCart,
  loadCart,
  removeLine,
  shopperOf,
  updateLine,
} from '../shop/cart.server.ts';
import { CartLine } from '../ui/cart-line.tsx';

export const meta = pageTitle('title.cart');
// Buying's texts come with the buying pages (i18n/root-messages.ts).
export const handle: CatalogHandle = { messages: [checkoutTexts] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { cart: await loadCart(db(), request) };
}

/** add | update | remove, from the cart page, the batch page's AddToCart, with or without JavaScript. */
export const action = formAction(
  cartForm,
  async (input, { request, headers }) => {
    const shopper = await shopperOf(db(), request);
    const cartId = input.intent === 'add' ? await ensureCart(db(), shopper) : await findCart(db(), shopper);
    if (!cartId) return redirect('/cart');
    // Also with a refusal: a cart made for this request stays the browser's.
    headers.set('Set-Cookie', await cartCookieHeader(cartId));
    if (input.intent === 'update') await updateLine(db(), cartId, input.listingId, input.quantity);
    if (input.intent === 'remove') await removeLine(db(), cartId, input.listingId);
    if (input.intent !== 'add') return redirect('/cart', { headers });
    await addToCart(db(), cartId, input.listingId, input.quantity);
    // The plain form (no JavaScript) goes on to the cart; the fetcher stays on its page.
    if (input.redirectTo) return redirect(safeRedirect(input.redirectTo, '/cart'), { headers });
    return data({ added: { listingId: input.listingId, quantity: input.quantity } }, { headers });
  },
  {
    fields: {
      LISTING_UNAVAILABLE: 'listingId',
      LISTING_SOLD_OUT: 'quantity',
      EXCEEDS_STOCK: 'quantity',
      LINE_TOO_LARGE: 'quantity',
    },
  },
);

export default function Cart() {
  const { cart } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof cartForm>();
  const { t, f } = useI18n();
  const failed = form.firstError();
  // A refused quantity change shows on its line; anything else above the cart.
  const failedLine = form.value('intent') === 'update' ? form.value('listingId') : undefined;
  const lineShown = cart.lines.some((l) => l.listing.id === failedLine);
  return (
    <section className="cart">
      <h1>{t('cart.title')}</h1>
      {failed && !lineShown ? (
        <p className="form-error" role="alert">
          {t(failed)}
        </p>
      ) : null}
      {cart.lines.length === 0 ? (
        <p>
          {t('cart.empty')} <Link to="/">{t('cart.browse')}</Link>
        </p>
      ) : (
        <>
          <ul className="cart-lines">
            {cart.lines.map((line) => (
              <CartLine key={line.listing.id} line={line} error={line.listing.id === failedLine ? failed : undefined} />
            ))}
          </ul>
          <p className="cart-total">
            {t('cart.total')}: <strong>{f.vnd(cart.totalVnd)}</strong>
          </p>
          {cart.ready ? (
            <Link to="/checkout" className="button">
              {t('cart.checkout')}
            </Link>
          ) : (
            <p className="form-error">{t('cart.notReady')}</p>
          )}
        </>
      )}
    </section>
  );
}
