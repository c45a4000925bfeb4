import { DomainError, type MessageParams } from '@seedline/db/domain-error';
import type { TraceabilityRefusal } from '@seedline/db';

// Refusals: a rule says no with a code (also the key of its text in i18n/messages/refusals.ts)
// and the parameters that text needs. The form contract (forms/form-action.server.ts) and
// `answerRefusal` turn them into what the user sees.

/** The web app's own refusals (cart, checkout, orders, farm); the traceability rules add theirs. */
export const webRefusals = [
  'SOLD_OUT',
  'CART_EMPTY',
  // Pickup and delivery windows (fulfilment/windows.server.ts).
  'WINDOW_CLOSED',
  'WINDOW_FULL',
  'WINDOW_REQUIRED',
  'WINDOW_CAPACITY_BELOW_BOOKED',
  'PICKUP_POINT_UNKNOWN',
  'LISTING_UNAVAILABLE',
  'LISTING_SOLD_OUT',
  'EXCEEDS_STOCK',
  'LINE_TOO_LARGE',
  'ORDER_NOT_FOUND',
  'ILLEGAL_TRANSITION',
  'REFUND_FIRST',
  'NOTHING_TO_REFUND',
  'REFUND_FAILED',
  'PLANTING_NOT_GROWING',
  'TOO_MANY_OPEN_ORDERS',
  'CHECKOUT_THROTTLED',
  'LOGIN_THROTTLED',
  'SIGNUP_THROTTLED',
  'SIGNUP_LINK_INVALID',
  'SIGNUP_EMAIL_TAKEN',
  'GREENHOUSE_UNREACHABLE',
  'ALARM_NOT_LATCHED',
  'ALARM_ALREADY_ACKNOWLEDGED',
  'DOSE_OVER_MAX',
  // Packing harvests into pack lots (coop/packing.server.ts).
  'PACK_OVER_HARVEST',
  'PACK_BEFORE_HARVEST',
  'PACK_MIXED_HARVESTS',
  'INPUT_PRODUCT_RETIRED',
  'INPUT_PRODUCT_IN_USE',
  'INPUT_PRODUCT_NAME_TAKEN',
  // Members and farms (auth/members.server.ts, auth/invitations.server.ts, coop/farms.server.ts);
  // their texts are in i18n/messages/refusals.ts as every refusal's.
  'MEMBER_EMAIL_TAKEN',
  'MEMBER_FARM_UNKNOWN',
  'INVITE_NOT_PENDING',
  'INVITE_LINK_INVALID',
  'LAST_ADMIN',
  'FARM_CODE_TAKEN',
  'CERTIFICATION_TAKEN',
  // Listings (coop/listings.server.ts) and an order of a batch held back by a pre-harvest interval.
  'LOT_ALREADY_LISTED',
  'LISTING_WITHHELD',
] as const;

export type WebRefusal = (typeof webRefusals)[number];
export type RefusalCode = WebRefusal | TraceabilityRefusal;

export function refusal(code: WebRefusal, params?: MessageParams, options?: ErrorOptions): DomainError<WebRefusal> {
  return new DomainError(code, params, options);
}

/** The HTTP status each refusal answers with: 409 "not in this state", 429 "not so often", 502 a payment provider. */
export const refusalStatus = {
  PHI_NOT_PASSED: 409,
  RECORD_ID_TAKEN: 409,
  RECORD_ALREADY_CORRECTED: 409,
  RECORD_NOT_FOUND: 404,
  STOCK_OVER_PACKED: 400,
  LOT_CODES_USED_UP: 409,
  PACK_OVER_HARVEST: 400,
  PACK_BEFORE_HARVEST: 400,
  PACK_MIXED_HARVESTS: 400,
  SOLD_OUT: 409,
  CART_EMPTY: 400,
  WINDOW_CLOSED: 409,
  WINDOW_FULL: 409,
  WINDOW_REQUIRED: 400,
  WINDOW_CAPACITY_BELOW_BOOKED: 409,
  PICKUP_POINT_UNKNOWN: 400,
  LISTING_UNAVAILABLE: 400,
  LISTING_SOLD_OUT: 409,
  EXCEEDS_STOCK: 409,
  LINE_TOO_LARGE: 400,
  ORDER_NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  REFUND_FIRST: 409,
  NOTHING_TO_REFUND: 409,
  REFUND_FAILED: 502,
  PLANTING_NOT_GROWING: 409,
  TOO_MANY_OPEN_ORDERS: 429,
  CHECKOUT_THROTTLED: 429,
  LOGIN_THROTTLED: 429,
  SIGNUP_THROTTLED: 429,
  SIGNUP_LINK_INVALID: 404,
  SIGNUP_EMAIL_TAKEN: 409,
  // The broker (or ingest's link to it) is down: nothing was changed; try again later.
  GREENHOUSE_UNREACHABLE: 503,
  ALARM_NOT_LATCHED: 409,
  ALARM_ALREADY_ACKNOWLEDGED: 409,
  DOSE_OVER_MAX: 400,
  INPUT_PRODUCT_RETIRED: 400,
  INPUT_PRODUCT_IN_USE: 409,
  INPUT_PRODUCT_NAME_TAKEN: 409,
  MEMBER_EMAIL_TAKEN: 409,
  MEMBER_FARM_UNKNOWN: 400,
  INVITE_NOT_PENDING: 409,
  INVITE_LINK_INVALID: 404,
  LAST_ADMIN: 409,
  FARM_CODE_TAKEN: 409,
  CERTIFICATION_TAKEN: 409,
  LOT_ALREADY_LISTED: 409,
  LISTING_WITHHELD: 409,
} as const satisfies Record<RefusalCode, 400 | 404 | 409 | 429 | 502 | 503>;

/** A refusal this app knows how to say; anything else (another error, an unknown code) is a fault. */
export function isRefusal(error: unknown): error is DomainError<RefusalCode> {
  return error instanceof DomainError && Object.hasOwn(refusalStatus, error.code);
}

/** Whether `error` is the refusal `code`, for the few places that recover from one. */
export function isRefusalOf<C extends RefusalCode>(error: unknown, code: C): error is DomainError<C> {
  return isRefusal(error) && error.code === code;
}
