import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// A member farm and its certifications, as the co-op's admin types them. No server code here: the
// pages read the field names from these schemas too.
const m = (key: MessageKey) => ({ error: key });

const text = (max: number) =>
  z.string(m('errors.required')).trim().min(1, m('errors.required')).max(max, m('errors.tooLong'));

export const certificationSchemes = ['VIETGAP', 'GLOBALGAP', 'ORGANIC'] as const;

/** Lot codes start with the farm's code: 2–4 characters of Crockford's base 32 (lot-code.ts). */
const farmCode = z
  .string(m('farms.errors.code'))
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJKMNP-TV-Z]{2,4}$/, m('farms.errors.code'));

const farmFields = { name: text(120), commune: text(120), province: text(120) };

/** A new farm: its code is chosen once, since every lot code printed on a pack carries it. */
export const newFarmSchema = z.object({ ...farmFields, code: farmCode });
export type NewFarmForm = z.output<typeof newFarmSchema>;
export type FarmForm = Omit<NewFarmForm, 'code'>;

const day = z
  .string(m('farms.errors.day'))
  .regex(/^\d{4}-\d{2}-\d{2}$/, m('farms.errors.day'))
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), m('farms.errors.day'));

const certificationSchema = z
  .object({
    scheme: z.enum(certificationSchemes, m('farms.errors.scheme')),
    number: text(80),
    issuedBy: z
      .string()
      .trim()
      .max(200, m('errors.tooLong'))
      .optional()
      .transform((v) => v || null),
    validFrom: day,
    validUntil: day,
  })
  .refine((c) => c.validUntil > c.validFrom, { path: ['validUntil'], error: 'farms.errors.expiry' });
export type CertificationForm = z.output<typeof certificationSchema>;

/** The page of one farm: save its fields, add a certification, or remove one. */
export const farmPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('save'), ...farmFields }),
  certificationSchema.safeExtend({ intent: z.literal('certify') }),
  z.object({ intent: z.literal('uncertify'), certificationId: z.string().min(1).max(40) }),
]);
