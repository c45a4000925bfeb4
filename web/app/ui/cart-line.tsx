import { Form, Link } from '@remix-run/react';
import { type Message, useI18n } from '../i18n/i18n.ts';
import type { CartLineView } from '../shop/cart.ts';
import { maxLineQuantity } from '../shop/cart-limits.ts';
import { ListingPhoto } from './listing-photo.tsx';

/** One line of the cart page: the batch, its price, a quantity form, a remove button, and what blocks it. */
export function CartLine({ line, error }: { line: CartLineView; error: Message | undefined }) {
  const { t, f, locale } = useI18n();
  const { listing } = line;
  const name = locale === 'vi' ? listing.product.nameVi : listing.product.nameEn;
  const inputId = `quantity-${listing.id}`;
  const errorId = `${inputId}-error`;
  return (
    <li className={`cart-line status-${line.status}`} aria-label={name}>
      <ListingPhoto photo={listing.photo} locale={locale} sizes="8rem" />
      <div className="cart-line-body">
        <h2>
          <Link to={`/batches/${encodeURIComponent(listing.lotCode)}`}>{name}</Link>
        </h2>
        <p className="farm">
          {listing.farm.name} · {t('batch.lotCode')}: <code>{listing.lotCode}</code>
        </p>
        <p>
          {t('cart.unitPrice')}: {f.vnd(line.unitPriceVnd)}
          <span className="per">{t(`batch.per.${listing.product.unit}`)}</span>
          {line.status === 'ok' || line.status === 'exceedsStock'
            ? ` · ${t('cart.available', { count: line.available })}`
            : null}
        </p>
        {line.status !== 'ok' ? (
          <p className="badge" role="note">
            {t(`cart.status.${line.status}`, { available: line.available })}
          </p>
        ) : null}
        <div className="cart-line-actions">
          <Form method="post" action="/cart" className="quantity-form" noValidate>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="listingId" value={listing.id} />
            <div className="field">
              <label htmlFor={inputId}>{t('cart.quantity')}</label>
              <input
                id={inputId}
                name="quantity"
                type="number"
                inputMode="numeric"
                min={0}
                max={maxLineQuantity}
                defaultValue={line.quantity}
                key={line.quantity}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              />
            </div>
            <button type="submit" className="secondary">
              {t('cart.update')}
            </button>
          </Form>
          <Form method="post" action="/cart">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="listingId" value={listing.id} />
            <button type="submit" className="secondary" aria-label={`${t('cart.remove')} ${name}`}>
              {t('cart.remove')}
            </button>
          </Form>
        </div>
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {t(error)}
          </p>
        ) : null}
        <p className="line-total">
          {t('cart.lineTotal')}: <strong>{f.vnd(line.lineTotalVnd)}</strong>
        </p>
      </div>
    </li>
  );
}
