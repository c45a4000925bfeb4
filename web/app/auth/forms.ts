import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// Messages are i18n keys: the form shows them in the visitor's language.
const m = (key: MessageKey) => ({ error: key });

const email = z
  .string(m('errors.required'))
  .trim()
  .toLowerCase()
  .min(1, m('errors.required'))
  .pipe(z.email(m('errors.email')));

/** Vietnamese mobile and landline numbers: 0 or +84, then 9 or 10 digits; spaces and dots allowed. */
export const vietnamesePhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s.-]/g, '').replace(/^\+84/, '0'))
  .pipe(z.string().regex(/^0[235789]\d{8}$/, m('errors.phone')));

/** Where to go once signed in; checked again by safeRedirect. */
const redirectTo = z.string().max(2_000).optional();

export const signupSchema = z.object({
  name: z.string(m('errors.required')).trim().min(1, m('errors.required')).max(100, m('errors.nameLong')),
  email,
  phone: z
    .union([z.literal('').transform(() => null), vietnamesePhone])
    .optional()
    .transform((v) => v ?? null),
  password: z.string(m('errors.required')).min(10, m('errors.passwordShort')).max(200, m('errors.passwordLong')),
  redirectTo,
});

export const loginSchema = z.object({
  email,
  password: z.string(m('errors.required')).min(1, m('errors.required')).max(200, m('errors.passwordLong')),
  redirectTo,
});
