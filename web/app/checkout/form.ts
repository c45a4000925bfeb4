import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';
import { normaliseMobile } from './phone.ts';

// Messages are i18n keys: the form shows each beside its field, in the visitor's language.
const m = (key: MessageKey) => ({ error: key });
const text = (max: number) =>
  z.string(m('errors.required')).trim().min(1, m('errors.required')).max(max, m('checkout.errors.tooLong'));

export const paymentMethods = ['CARD', 'CASH_ON_DELIVERY', 'BANK_TRANSFER'] as const;

/**
 * The checkout form. The window is only an id here: whether it is open, of the chosen kind and not
 * full is decided under its lock when the order is placed (fulfilment/windows.server.ts).
 */
export const checkoutSchema = z
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
    windowId: z
      .string()
      .trim()
      .max(40, m('checkout.errors.pickupWindow'))
      .optional()
      .transform((v) => v || null),
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
      // A window only where the co-op runs delivery windows: the order's placing asks.
      return { ...base, fulfilment: 'DELIVERY' as const, address: form.address, windowId: form.windowId };
    }
    if (!form.windowId) {
      ctx.addIssue({ code: 'custom', path: ['windowId'], message: 'checkout.errors.pickupWindow' });
      return z.NEVER;
    }
    return { ...base, fulfilment: 'PICKUP' as const, windowId: form.windowId };
  });

export type CheckoutForm = z.output<typeof checkoutSchema>;
