import { describe, expect, it } from 'vitest';
import { orderTotalVnd, stripeLineItems } from './amounts.ts';

describe('amounts', () => {
  it('adds whole-dong line totals', () => {
    expect(
      orderTotalVnd([
        { quantity: 2, unitPriceVnd: 85_000 },
        { quantity: 3, unitPriceVnd: 45_000 },
      ]),
    ).toBe(305_000);
    expect(orderTotalVnd([])).toBe(0);
  });

  it('gives Stripe the VND price unchanged, since VND has no minor unit', () => {
    expect(stripeLineItems([{ listingId: 'l1', quantity: 2, unitPriceVnd: 85_000, name: 'Dưa lưới' }])).toEqual([
      { quantity: 2, price_data: { currency: 'vnd', unit_amount: 85_000, product_data: { name: 'Dưa lưới' } } },
    ]);
  });
});
