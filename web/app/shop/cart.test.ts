import { describe, expect, it } from 'vitest';
import { cartForm, cartTotals, lineStatus } from './cart.ts';

const listingId = 'cmabc123def456ghi789';

describe('cartForm', () => {
  it('reads add, update and remove', () => {
    expect(cartForm.parse({ intent: 'add', listingId, quantity: '2' })).toEqual({
      intent: 'add',
      listingId,
      quantity: 2,
    });
    expect(cartForm.parse({ intent: 'update', listingId, quantity: ' 0 ' })).toEqual({
      intent: 'update',
      listingId,
      quantity: 0,
    });
    expect(cartForm.parse({ intent: 'remove', listingId })).toEqual({ intent: 'remove', listingId });
  });

  it.each([
    ['add', '', 'errors.required'],
    ['add', '0', 'cart.errors.quantity'],
    ['add', '100', 'cart.errors.quantity'],
    ['add', '1.5', 'cart.errors.quantity'],
    ['add', '-1', 'cart.errors.quantity'],
    ['add', 'hai', 'cart.errors.quantity'],
    ['update', '100', 'cart.errors.quantityOrZero'],
  ])('refuses %s with quantity "%s" with the quantity field message %s', (intent, quantity, message) => {
    const result = cartForm.safeParse({ intent, listingId, quantity });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['quantity'], message });
  });

  it('refuses a missing quantity, a bad listing id and an unknown intent', () => {
    expect(cartForm.safeParse({ intent: 'add', listingId }).error?.issues[0]?.message).toBe('errors.required');
    expect(cartForm.safeParse({ intent: 'add', listingId: '../x', quantity: '1' }).error?.issues[0]).toMatchObject({
      path: ['listingId'],
      message: 'LISTING_UNAVAILABLE',
    });
    expect(cartForm.safeParse({ intent: 'buy', listingId }).error?.issues[0]?.message).toBe('cart.errors.intent');
  });
});

describe('lineStatus', () => {
  it('is ok while the stock covers the quantity', () => {
    expect(lineStatus({ published: true, available: 3, quantity: 3 })).toBe('ok');
  });

  it('says why a line cannot go to checkout', () => {
    expect(lineStatus({ published: true, available: 2, quantity: 3 })).toBe('exceedsStock');
    expect(lineStatus({ published: true, available: 0, quantity: 1 })).toBe('soldOut');
    expect(lineStatus({ published: false, available: 5, quantity: 1 })).toBe('unavailable');
  });
});

describe('cartTotals', () => {
  it('adds up the lines that can be bought and counts every unit', () => {
    const totals = cartTotals([
      { unitPriceVnd: 85_000, quantity: 2, status: 'ok' },
      { unitPriceVnd: 35_000, quantity: 1, status: 'ok' },
      { unitPriceVnd: 15_000, quantity: 4, status: 'soldOut' },
    ]);
    expect(totals).toEqual({ totalVnd: 205_000, count: 7, ready: false });
  });

  it('is ready only with lines, all of them ok', () => {
    expect(cartTotals([]).ready).toBe(false);
    expect(cartTotals([{ unitPriceVnd: 1, quantity: 1, status: 'ok' }]).ready).toBe(true);
  });
});
