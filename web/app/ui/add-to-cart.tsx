import { Link, useFetcher } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { formView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { action as cartAction } from '../routes/cart.tsx';
import { maxLineQuantity } from '../shop/cart-limits.ts';

/**
 * "Add to cart" for one batch. Without JavaScript it is a plain form: the browser posts to /cart
 * and lands on the cart. With it, the fetcher posts without leaving the page and the header's
 * count updates (the root loader reloads after every action).
 */
export function AddToCart({ listingId, available }: { listingId: string; available: number }) {
  const fetcher = useFetcher<typeof cartAction>();
  const { t } = useI18n();
  // Only the plain form asks to be sent on to the cart: the fetcher must not navigate.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const result = fetcher.data;
  const busy = fetcher.state !== 'idle';
  const error = formView(result).firstError();
  const inputId = `quantity-${listingId}`;
  const errorId = `${inputId}-error`;
  return (
    <fetcher.Form method="post" action="/cart" className="add-to-cart" noValidate>
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="listingId" value={listingId} />
      {enhanced ? null : <input type="hidden" name="redirectTo" value="/cart" />}
      <div className="field">
        <label htmlFor={inputId}>{t('cart.quantity')}</label>
        <input
          id={inputId}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={Math.max(1, Math.min(maxLineQuantity, available))}
          defaultValue={1}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
        />
      </div>
      <button type="submit" disabled={busy}>
        {busy ? t('cart.adding') : t('cart.add')}
      </button>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <p role="status" className="added">
        {result && 'added' in result && !busy ? (
          <>
            {t('cart.added')} <Link to="/cart">{t('cart.view')}</Link>
          </>
        ) : null}
      </p>
    </fetcher.Form>
  );
}
