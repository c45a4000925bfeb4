import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

/**
 * A decimal number as a phone types it: a Vietnamese keyboard gives a decimal comma, an English
 * one a point; at most six whole digits and `places` decimals. `key` is the field's message.
 */
export function decimalText(key: MessageKey, places: number) {
  const pattern = new RegExp(`^\\d{1,6}([.,]\\d{1,${places}})?$`);
  return z
    .string({ error: key })
    .trim()
    .regex(pattern, { error: key })
    .transform((value) => Number(value.replace(',', '.')));
}
