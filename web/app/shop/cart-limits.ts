// Limits the browser needs too: kept apart from cart.ts, whose zod schemas would otherwise be
// bundled into every page with an add-to-cart form (the batch page's JavaScript budget).

/** Most units of one batch in one cart: a household order, not a wholesale one. */
export const maxLineQuantity = 99;
