import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { fieldErrors } from '../forms/form-action.server.ts';
import { checkoutSchema } from './form.ts';
import { nextPickupWindows } from './pickup-windows.ts';

const now = new Date('2026-11-29T03:00:00Z');

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
    const parsed = checkoutSchema(now).parse(delivery);
    expect(parsed).toMatchObject({ phone: '0912345678', email: null, fulfilment: 'DELIVERY' });
  });

  it('accepts a pickup at an offered window', () => {
    const window = nextPickupWindows(now)[1]!;
    const parsed = checkoutSchema(now).parse({
      ...delivery,
      fulfilment: 'PICKUP',
      pickupPointId: 'pp1',
      pickupWindow: window.start.toISOString(),
    });
    expect(parsed).toMatchObject({ fulfilment: 'PICKUP', pickupPointId: 'pp1', pickupWindow: window });
  });

  it('names every bad field with its message', () => {
    const result = checkoutSchema(now).safeParse({
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
    const missingAddress = checkoutSchema(now).safeParse({ ...delivery, address: '' });
    expect(errorKeys(missingAddress.error!)).toEqual({ address: 'checkout.errors.address' });
  });

  it('refuses a pickup without a point or at a window that is not offered', () => {
    const result = checkoutSchema(now).safeParse({
      ...delivery,
      fulfilment: 'PICKUP',
      pickupWindow: '2026-11-29T01:00:00.000Z',
    });
    expect(errorKeys(result.error!)).toEqual({
      pickupPointId: 'checkout.errors.pickupPoint',
      pickupWindow: 'checkout.errors.pickupWindow',
    });
  });
});
