import { account } from './messages/account.ts';
import type { Catalog } from './messages/catalog.ts';
import { checkout } from './messages/checkout.ts';
import { coop } from './messages/coop.ts';
import { farm } from './messages/farm.ts';
import { footprint } from './messages/footprint.ts';
import { greenhouses } from './messages/greenhouses.ts';
import { listings } from './messages/listings.ts';
import { members } from './messages/members.ts';
import { outbox } from './messages/outbox.ts';
import { packing } from './messages/packing.ts';
import { payouts } from './messages/payouts.ts';
import { pickup } from './messages/pickup.ts';
import { recall } from './messages/recall.ts';
import { records } from './messages/records.ts';
import { zone } from './messages/zone.ts';
import type { MessageKey } from './i18n.ts';
import { rootCatalogs } from './root-messages.ts';

// Every catalogue, for the server (emails, and checking that a validation message is a key).
// Pages load theirs through their routes' handles instead: do not import this from one.

export const allCatalogs: readonly Catalog[] = [
  ...rootCatalogs,
  account,
  checkout,
  farm,
  zone,
  coop,
  records,
  outbox,
  members,
  packing,
  payouts,
  pickup,
  listings,
  greenhouses,
  recall,
  footprint,
];

const keys = new Set(allCatalogs.flatMap((c) => Object.keys(c.vi)));

export function isMessageKey(value: string): value is MessageKey {
  return keys.has(value);
}
