import { fromLocalDateTime } from '@seedline/db';
import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// Fields every farm record form shares: when (not in the future), the id the phone made for the
// record, and, for a correction, which record it corrects and why.
const m = (key: MessageKey) => ({ error: key });

/** A few minutes' grace: a phone's clock may run a little ahead of the server's. */
const clockSlackMs = 5 * 60_000;

/** A day and time in Vietnam (the datetime-local input's value), not after `now`. */
export function pastDateTime(now: Date, invalid: MessageKey, future: MessageKey) {
  return z.string(m(invalid)).transform((value, ctx) => {
    const at = fromLocalDateTime(value.trim());
    if (!at) ctx.addIssue({ code: 'custom', message: invalid });
    else if (at.getTime() > now.getTime() + clockSlackMs) ctx.addIssue({ code: 'custom', message: future });
    return at ?? now;
  });
}

// The record's id is its own module: forms whose page bundle must stay free of the database use it.
export { clientIdField } from './client-id-field.ts';

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, m('errors.tooLong'))
    .optional()
    .transform((v) => v || null);

/** A correction names the record it corrects and, required then, why. */
export const correctionFields = {
  corrects: z
    .string()
    .trim()
    .max(40)
    .optional()
    .transform((v) => v || null),
  reason: optionalText(500),
};

export function requireReason(value: { corrects: string | null; reason: string | null }, ctx: z.RefinementCtx) {
  if (value.corrects && !value.reason) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'applyInput.errors.reason' });
  }
}
