import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrors } from '../forms/form-action.server.ts';
import { checkoutSchema } from './form.ts';

/** Field → the key of its message, as the form contract answers it. */
const errorKeys = (error: z.ZodError) =>
  Object.fromEntries(Object.entries(fieldErrors(error)).map(([field, message]) => [field, message.key]));
const delivery = {
  name: 'Lê Thị Hoa',
  phone: '+84 912.345.678',
  email: '',
  fulfilment: 'DELIVERY',
  address: '12 Lê Lai, phường Hạc Thành, Thanh Hóa',
  paymentMethod: 'CASH_ON_DELIVERY',
};

describe('checkoutSchema', () => {
  it('accepts a delivery order and stores the phone normalised, without an email', () => {
    const parsed = checkoutSchema.parse(delivery);
    expect(parsed).toMatchObject({ phone: '0912345678', email: null, fulfilment: 'DELIVERY' });
  });

  it('accepts a pickup in a window, and a delivery with or without one (the co-op may run none)', () => {
    const pickup = checkoutSchema.parse({ ...delivery, fulfilment: 'PICKUP', windowId: 'w1' });
    expect(pickup).toMatchObject({ fulfilment: 'PICKUP', windowId: 'w1' });
    expect(checkoutSchema.parse({ ...delivery, windowId: 'w2' })).toMatchObject({ windowId: 'w2' });
    expect(checkoutSchema.parse({ ...delivery, windowId: '' })).toMatchObject({ windowId: null });
  });

  it('names every bad field with its message', () => {
    const result = checkoutSchema.safeParse({
      name: ' ',
      phone: '024 3825 1234',
      email: 'hoa-at-mail',
      fulfilment: 'DELIVERY',
      address: 'x',
      paymentMethod: 'BITCOIN',
    });
    expect(result.success).toBe(false);
    expect(errorKeys(result.error!)).toEqual({
      name: 'errors.required',
      phone: 'checkout.errors.mobile',
      email: 'errors.email',
      paymentMethod: 'checkout.errors.paymentMethod',
    });
    const missingAddress = checkoutSchema.safeParse({ ...delivery, address: '' });
    expect(errorKeys(missingAddress.error!)).toEqual({ address: 'checkout.errors.address' });
  });

  it('refuses a pickup without a window, naming the window field', () => {
    const result = checkoutSchema.safeParse({ ...delivery, fulfilment: 'PICKUP', windowId: ' ' });
    expect(errorKeys(result.error!)).toEqual({ windowId: 'checkout.errors.pickupWindow' });
    const oversized = checkoutSchema.safeParse({ ...delivery, fulfilment: 'PICKUP', windowId: 'x'.repeat(41) });
    expect(errorKeys(oversized.error!)).toEqual({ windowId: 'checkout.errors.pickupWindow' });
  });
});
