import { common } from './messages/common.ts';
import { refusals } from './messages/refusals.ts';
import { shop } from './messages/shop.ts';

/**
 * The texts the root route brings to every page: the header, errors, refusals, the shop. Buying's
 * texts (cart, checkout, order pages) and the account's (log-in, sign-up, the buyer's orders) come
 * with those routes: the batch page, where most buyers arrive, does not ship them.
 */
export const rootCatalogs = [common, refusals, shop];
