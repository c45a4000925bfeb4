import type { Message } from '../../i18n/i18n.ts';

/** What /farm/outbox answers for a kept record: stored, or refused with the reason. */
export type Delivery = { readonly stored: true } | { readonly stored: false; readonly refusal: Message };

export function isDelivery(value: unknown): value is Delivery {
  if (typeof value !== 'object' || value === null || !('stored' in value)) return false;
  if (value.stored === true) return true;
  if (value.stored !== false || !('refusal' in value)) return false;
  const { refusal } = value;
  return typeof refusal === 'object' && refusal !== null && 'key' in refusal && typeof refusal.key === 'string';
}
