import os from 'node:os';
import path from 'node:path';
import { type Env, env } from '../env.server.ts';

// Checkout's settings, from the environment parsed at start (env.server.ts names a bad variable).

export const defaultReservationMinutes = 15;
export const defaultTransferHoldHours = 24;

/**
 * How long an order holds its units before it is paid or confirmed: the buyer's card session, or
 * until staff confirm a bank transfer (they see the money) or a cash order (they call the buyer).
 */
export function holdMinutes(method: 'CARD' | 'CASH_ON_DELIVERY' | 'BANK_TRANSFER', e: Env = env()): number {
  // Staff confirm hours later: a card session's hold would be too short.
  if (method !== 'CARD') return (e.SEEDLINE_TRANSFER_HOLD_HOURS ?? defaultTransferHoldHours) * 60;
  return e.SEEDLINE_RESERVATION_MINUTES ?? defaultReservationMinutes;
}

export type StripeSettings = { secretKey: string; webhookSecret: string; apiBase: URL | null };

/** Card payments, or null when Stripe is not configured (card payment is then not offered). */
export function stripeSettings(e: Env = env()): StripeSettings | null {
  if (!e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET) return null;
  return {
    secretKey: e.STRIPE_SECRET_KEY,
    webhookSecret: e.STRIPE_WEBHOOK_SECRET,
    apiBase: e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : null,
  };
}

export type TransferAccount = { bankBin: string; account: string };

/** The account bank transfers go to, or null when none is configured (transfer is then not offered). */
export function transferAccount(e: Env = env()): TransferAccount | null {
  return e.VIETQR_BANK_BIN && e.VIETQR_ACCOUNT ? { bankBin: e.VIETQR_BANK_BIN, account: e.VIETQR_ACCOUNT } : null;
}

/** The payment methods the checkout offers. Cash on delivery needs nothing configured. */
export function offeredPaymentMethods(e: Env = env()) {
  return [
    ...(stripeSettings(e) ? (['CARD'] as const) : []),
    'CASH_ON_DELIVERY' as const,
    ...(transferAccount(e) ? (['BANK_TRANSFER'] as const) : []),
  ];
}

/** Where order messages are previewed: `mail/` in the data folder (as photos: SEEDLINE_DATA_DIR, else a temporary one). */
export function mailDir(e: Env = env()): string {
  return path.join(e.SEEDLINE_DATA_DIR ?? path.join(os.tmpdir(), 'seedline-data'), 'mail');
}
