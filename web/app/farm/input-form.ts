import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { decimalPattern, parseDecimal } from './dose.ts';
import { clientIdField, correctionFields, optionalText, pastDateTime, requireReason } from './record-fields.ts';

// An input applied to a planting, from the phone: a product of the co-op's register, the dose in
// its unit (a decimal comma as a Vietnamese phone types it), the area treated, when and by whom.
// The dose's maximum is the register's: checked against the product on the server (DOSE_OVER_MAX).
const m = (key: MessageKey) => ({ error: key });

/** More than a hectare per entry is a typo on a net-house farm; a large field is still far below. */
export const maxAreaM2 = 1_000_000;

const decimal = (error: MessageKey) =>
  z
    .string(m(error))
    .trim()
    .regex(decimalPattern, m(error))
    .transform(parseDecimal)
    .pipe(z.number().positive(m(error)));

export function inputApplicationSchema(now: Date) {
  return z
    .object({
      clientId: clientIdField,
      ...correctionFields,
      productId: z.string(m('applyInput.errors.product')).trim().min(1, m('applyInput.errors.product')),
      dose: decimal('applyInput.errors.dose'),
      areaM2: decimal('applyInput.errors.area').pipe(z.number().max(maxAreaM2, m('applyInput.errors.area'))),
      appliedAt: pastDateTime(now, 'applyInput.errors.dateTime', 'applyInput.errors.future'),
      appliedBy: z
        .string(m('applyInput.errors.appliedBy'))
        .trim()
        .min(1, m('applyInput.errors.appliedBy'))
        .max(120, m('errors.tooLong')),
      note: optionalText(500),
    })
    .superRefine(requireReason);
}

export type InputApplicationForm = z.output<ReturnType<typeof inputApplicationSchema>>;
