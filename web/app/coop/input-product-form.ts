import { z } from 'zod';
import { decimalPattern, doseUnits, inputTypes, parseDecimal } from '../farm/dose.ts';
import type { MessageKey } from '../i18n/i18n.ts';

// A product of the co-op's register, as staff type it from the registered label.
const m = (key: MessageKey) => ({ error: key });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, m('errors.tooLong'))
    .optional()
    .transform((v) => v || null);

export const inputProductSchema = z.object({
  name: z.string(m('inputs.errors.name')).trim().min(1, m('inputs.errors.name')).max(120, m('errors.tooLong')),
  type: z.enum(inputTypes, m('inputs.errors.type')),
  activeIngredient: optionalText(200),
  registrationNumber: optionalText(60),
  phiDays: z
    .string(m('inputs.errors.phi'))
    .trim()
    .regex(/^\d{1,3}$/, m('inputs.errors.phi'))
    .transform(Number)
    .pipe(z.number().int().max(365, m('inputs.errors.phi'))),
  maxDose: z
    .string(m('inputs.errors.maxDose'))
    .trim()
    .regex(decimalPattern, m('inputs.errors.maxDose'))
    .transform(parseDecimal)
    .pipe(z.number().positive(m('inputs.errors.maxDose'))),
  doseUnit: z.enum(doseUnits, m('inputs.errors.doseUnit')),
});

export type InputProductForm = z.output<typeof inputProductSchema>;

/** The page of one product: save its fields, retire or use it again, or delete it. */
export const inputProductPageSchema = z.discriminatedUnion('intent', [
  inputProductSchema.extend({ intent: z.literal('save') }),
  z.object({ intent: z.enum(['retire', 'restore', 'delete']) }),
]);
