import { account } from './messages/account.ts';
import { checkout } from './messages/checkout.ts';
import { common } from './messages/common.ts';
import { refusals } from './messages/refusals.ts';
import { shop } from './messages/shop.ts';

/** The texts the root route brings to every page: the header, errors, refusals, the shop, log-in. */
export const rootCatalogs = [common, refusals, shop, checkout, account];
