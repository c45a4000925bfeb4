import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { clientIdField } from './client-id-field.ts';

// The seed lot form: what arrived (the product and its variety), from whom (the supplier and their
// lot number), how much (seeds or grams), on which day (a calendar day in Vietnam, not after
// today), the certificate's number and a photo of the packet or invoice. Messages are keys shown
// in the farmer's language.
const m = (key: MessageKey) => ({ error: key });

export const seedUnits = ['seeds', 'g'] as const;
export type SeedUnit = (typeof seedUnits)[number];

/** More than a net house sows in years; a typo is not. */
export const maxSeedQuantity = 10_000_000;

/** A `YYYY-MM-DD` that is a real day (not 31 February). */
export function isCalendarDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
}

/**
 * A calendar day field: required, a real day, not after `today` (Vietnam's day of the submission,
 * `calendarDay(new Date())`: passed in, so that this module stays free of the database package).
 */
export function pastDay(today: string, errors: { day: MessageKey; future: MessageKey }) {
  return (
    z
      .string(m(errors.day))
      .trim()
      .refine(isCalendarDay, m(errors.day))
      // Days compare as text: YYYY-MM-DD sorts as the calendar does.
      .refine((day) => day <= today, m(errors.future))
  );
}

const text = (max: number, key: MessageKey) => z.string(m(key)).trim().min(1, m(key)).max(max, m('errors.tooLong'));

export function seedLotSchema(today: string) {
  return z.object({
    productId: z.string(m('seedLot.errors.product')).trim().min(1, m('seedLot.errors.product')),
    variety: text(120, 'seedLot.errors.variety'),
    supplier: text(120, 'seedLot.errors.supplier'),
    lotNumber: text(60, 'seedLot.errors.lotNumber'),
    quantity: z
      .string(m('seedLot.errors.quantity'))
      .trim()
      .regex(/^\d{1,8}$/, m('seedLot.errors.quantity'))
      .transform(Number)
      .pipe(z.number().int().positive(m('seedLot.errors.quantity')).max(maxSeedQuantity, m('seedLot.errors.tooMuch'))),
    quantityUnit: z.enum(seedUnits, m('seedLot.errors.unit')),
    receivedOn: pastDay(today, { day: 'seedLot.errors.day', future: 'seedLot.errors.future' }),
    certificateNumber: z
      .string()
      .trim()
      .max(60, m('errors.tooLong'))
      .optional()
      .transform((v) => v || null),
    /** The file is read apart (forms/uploads.server.ts); named here so the page can show its error. */
    photo: z.unknown().optional(),
    clientId: clientIdField,
  });
}

export type SeedLotForm = z.output<ReturnType<typeof seedLotSchema>>;
