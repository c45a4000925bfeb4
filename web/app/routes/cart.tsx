import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { fieldErrors } from '../auth/forms.ts';
import { safeRedirect } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { cartForm } from '../shop/cart.ts';
import {
  type CartResult,
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

export const meta: MetaFunction = () => [{ title: 'Giỏ hàng — Seedline' }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { cart: await loadCart(db(), request) };
}

/** add | update | remove, from the cart page, the batch page's AddToCart, with or without JavaScript. */
export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const values = { intent: form.intent, listingId: form.listingId, quantity: form.quantity };
  const parsed = cartForm.safeParse(form);
  if (!parsed.success) return data({ fieldErrors: fieldErrors(parsed.error), values }, { status: 400 });
  const input = parsed.data;
  const shopper = await shopperOf(db(), request);
  const cartId = input.intent === 'add' ? await ensureCart(db(), shopper) : await findCart(db(), shopper);
  if (!cartId) return redirect('/cart');
  const headers = { 'Set-Cookie': await cartCookieHeader(cartId) };
  const result: CartResult =
    input.intent === 'add'
      ? await addToCart(db(), cartId, input.listingId, input.quantity)
      : input.intent === 'update'
        ? await updateLine(db(), cartId, input.listingId, input.quantity)
        : await removeLine(db(), cartId, input.listingId);
  if (!result.ok) {
    return data(
      { fieldErrors: { [result.field]: result.error }, values: { ...values, available: result.available } },
      { status: 400, headers },
    );
  }
  if (input.intent !== 'add') return redirect('/cart', { headers });
  // The plain form (no JavaScript) goes on to the cart; the fetcher stays on its page.
  if (typeof form.redirectTo === 'string') return redirect(safeRedirect(form.redirectTo, '/cart'), { headers });
  return data({ added: { listingId: input.listingId, quantity: input.quantity } }, { headers });
}

type ActionData = { fieldErrors?: Record<string, string>; values?: Record<string, unknown> } | undefined;

export default function Cart() {
  const { cart } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData;
  const { t, f } = useI18n();
  const failed = result?.fieldErrors ? Object.values(result.fieldErrors)[0] : undefined;
  const failedLine = typeof result?.values?.listingId === 'string' ? result.values.listingId : undefined;
  const lineShown = cart.lines.some((l) => l.listing.id === failedLine && result?.values?.intent === 'update');
  return (
    <section className="cart">
      <h1>{t('cart.title')}</h1>
      {failed && !lineShown ? (
        <p className="form-error" role="alert">
          {t(failed as MessageKey, result?.values)}
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
              <CartLine
                key={line.listing.id}
                line={line}
                error={line.listing.id === failedLine && lineShown ? failed : undefined}
                errorValues={result?.values}
              />
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
