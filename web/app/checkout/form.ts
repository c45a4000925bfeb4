import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { normaliseMobile } from './phone.ts';
import { offeredWindow } from './pickup-windows.ts';

// Messages are i18n keys: the form shows each beside its field, in the visitor's language.
const m = (key: MessageKey) => ({ error: key });
const text = (max: number) =>
  z.string(m('errors.required')).trim().min(1, m('errors.required')).max(max, m('checkout.errors.tooLong'));

export const paymentMethods = ['CARD', 'CASH_ON_DELIVERY', 'BANK_TRANSFER'] as const;

/** The checkout form, checked against the pickup windows offered at `now`. */
export function checkoutSchema(now: Date) {
  return z
    .object({
      name: text(100),
      phone: z
        .string(m('errors.required'))
        .trim()
        .min(1, m('errors.required'))
        .transform((raw, ctx) => {
          const phone = normaliseMobile(raw);
          if (phone === null) ctx.addIssue({ code: 'custom', message: 'checkout.errors.mobile' });
          return phone ?? '';
        }),
      email: z
        .string()
        .trim()
        .toLowerCase()
        .max(200, m('checkout.errors.tooLong'))
        .optional()
        .transform((v) => (v ? v : null))
        .pipe(z.union([z.null(), z.email(m('errors.email'))])),
      fulfilment: z.enum(['DELIVERY', 'PICKUP'], m('checkout.errors.fulfilment')),
      address: z.string().trim().max(300, m('checkout.errors.tooLong')).optional(),
      pickupPointId: z.string().trim().max(40).optional(),
      pickupWindow: z.string().trim().max(40).optional(),
      paymentMethod: z.enum(paymentMethods, m('checkout.errors.paymentMethod')),
      // Made with the page: the same form sent twice (a double tap on a slow link) places one order.
      idempotencyKey: z.uuid().optional(),
    })
    .transform((form, ctx) => {
      const base = {
        name: form.name,
        phone: form.phone,
        email: form.email,
        paymentMethod: form.paymentMethod,
        ...(form.idempotencyKey ? { idempotencyKey: form.idempotencyKey } : {}),
      };
      if (form.fulfilment === 'DELIVERY') {
        if (!form.address || form.address.length < 10) {
          ctx.addIssue({ code: 'custom', path: ['address'], message: 'checkout.errors.address' });
          return z.NEVER;
        }
        return { ...base, fulfilment: 'DELIVERY' as const, address: form.address };
      }
      if (!form.pickupPointId) {
        ctx.addIssue({ code: 'custom', path: ['pickupPointId'], message: 'checkout.errors.pickupPoint' });
      }
      const window = form.pickupWindow ? offeredWindow(form.pickupWindow, now) : null;
      if (!window) ctx.addIssue({ code: 'custom', path: ['pickupWindow'], message: 'checkout.errors.pickupWindow' });
      if (!form.pickupPointId || !window) return z.NEVER;
      return { ...base, fulfilment: 'PICKUP' as const, pickupPointId: form.pickupPointId, pickupWindow: window };
    });
}

export type CheckoutForm = z.output<ReturnType<typeof checkoutSchema>>;
