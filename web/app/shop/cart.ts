import type { SaleUnit } from '@seedline/db';
import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// The cart's rules on plain data: what a form may ask, and whether a line can go to checkout.

import { maxLineQuantity } from './cart-limits.ts';

export { maxLineQuantity };

const m = (key: MessageKey) => ({ error: key });

const listingId = z.string(m('LISTING_UNAVAILABLE')).regex(/^[a-z0-9]{10,40}$/, m('LISTING_UNAVAILABLE'));

/** A whole number from `min` to 99, typed in a form field. */
const quantity = (min: number) =>
  z
    .string(m('errors.required'))
    .trim()
    .min(1, m('errors.required'))
    .regex(/^\d{1,4}$/, m(min === 0 ? 'cart.errors.quantityOrZero' : 'cart.errors.quantity'))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, m(min === 0 ? 'cart.errors.quantityOrZero' : 'cart.errors.quantity'))
        .max(maxLineQuantity, m(min === 0 ? 'cart.errors.quantityOrZero' : 'cart.errors.quantity')),
    );

/** What the cart's forms post to `/cart`: add a batch, change a line's quantity (0 removes it), remove a line. */
export const cartForm = z.discriminatedUnion(
  'intent',
  [
    // Without JavaScript the form asks to go on to the cart (checked again by safeRedirect).
    z.object({
      intent: z.literal('add'),
      listingId,
      quantity: quantity(1),
      redirectTo: z.string().max(200).optional(),
    }),
    z.object({ intent: z.literal('update'), listingId, quantity: quantity(0) }),
    z.object({ intent: z.literal('remove'), listingId }),
  ],
  m('cart.errors.intent'),
);

export type CartForm = z.infer<typeof cartForm>;

/**
 * Whether a line can go to checkout: `unavailable` when its listing was unpublished, `soldOut`
 * when nothing is left, `exceedsStock` when fewer units are left than it asks for.
 */
export type LineStatus = 'ok' | 'exceedsStock' | 'soldOut' | 'unavailable';

export function lineStatus(line: { published: boolean; available: number; quantity: number }): LineStatus {
  if (!line.published) return 'unavailable';
  if (line.available <= 0) return 'soldOut';
  if (line.quantity > line.available) return 'exceedsStock';
  return 'ok';
}

export type CartLineView = {
  listing: {
    id: string;
    packLotId: string;
    lotCode: string;
    published: boolean;
    product: { nameVi: string; nameEn: string; unit: SaleUnit };
    farm: { name: string };
    photo: { id: string; altVi: string; altEn: string } | null;
  };
  /** VND per unit, as the listing sells it now. */
  unitPriceVnd: number;
  quantity: number;
  /** Units still for sale (stock minus active reservations). */
  available: number;
  lineTotalVnd: number;
  status: LineStatus;
};

/** Totals of a cart: the sum of the lines that can be bought, and whether every line can. */
export function cartTotals(lines: readonly { unitPriceVnd: number; quantity: number; status: LineStatus }[]) {
  const ok = lines.filter((l) => l.status === 'ok');
  return {
    totalVnd: ok.reduce((sum, l) => sum + l.unitPriceVnd * l.quantity, 0),
    count: lines.reduce((sum, l) => sum + l.quantity, 0),
    ready: lines.length > 0 && ok.length === lines.length,
  };
}
