import type { OrderStatus } from '@seedline/db';
import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, mayCancel, restocks } from './transitions.ts';

const illegal = (status: string) =>
  expect.objectContaining({
    code: 'ILLEGAL_TRANSITION',
    params: { reference: 'SL-1', status: { key: `order.${status}` } },
  });

const all: OrderStatus[] = [
  'PLACED',
  'PAID',
  'CONFIRMED',
  'PACKED',
  'HANDED_OVER',
  'DELIVERED',
  'CANCELLED',
  'REFUNDED',
];

describe('order transitions', () => {
  it('take an order from placed through paid or confirmed, packed and handed over to delivered', () => {
    expect(canTransition('PLACED', 'PAID')).toBe(true);
    expect(canTransition('PLACED', 'CONFIRMED')).toBe(true);
    expect(canTransition('PAID', 'PACKED')).toBe(true);
    expect(canTransition('CONFIRMED', 'PACKED')).toBe(true);
    expect(canTransition('PACKED', 'HANDED_OVER')).toBe(true);
    expect(canTransition('PACKED', 'DELIVERED')).toBe(true);
    expect(canTransition('HANDED_OVER', 'DELIVERED')).toBe(true);
  });

  it('refuse skipping payment, going backwards, and anything after cancelled or refunded', () => {
    expect(() => assertTransition({ reference: 'SL-1', status: 'PLACED' }, 'PACKED')).toThrow(illegal('PLACED'));
    expect(() => assertTransition({ reference: 'SL-1', status: 'PLACED' }, 'DELIVERED')).toThrow(illegal('PLACED'));
    expect(() => assertTransition({ reference: 'SL-1', status: 'PACKED' }, 'PAID')).toThrow(illegal('PACKED'));
    expect(() => assertTransition({ reference: 'SL-1', status: 'DELIVERED' }, 'PACKED')).toThrow(illegal('DELIVERED'));
    expect(() => assertTransition({ reference: 'SL-1', status: 'PAID' }, 'CONFIRMED')).toThrow(illegal('PAID'));
    expect(() => assertTransition({ reference: 'SL-1', status: 'PLACED' }, 'REFUNDED')).toThrow(illegal('PLACED'));
    for (const to of all) {
      expect(canTransition('CANCELLED', to)).toBe(false);
      expect(canTransition('REFUNDED', to)).toBe(false);
    }
  });

  it('never lead from a status to itself (a repeated action changes nothing)', () => {
    for (const status of all) expect(canTransition(status, status)).toBe(false);
  });

  it('put units back on sale only when an order ends before it leaves the cooperative', () => {
    expect(restocks('CONFIRMED', 'CANCELLED')).toBe(true);
    expect(restocks('PAID', 'REFUNDED')).toBe(true);
    expect(restocks('PACKED', 'CANCELLED')).toBe(true);
    expect(restocks('PLACED', 'CANCELLED')).toBe(false);
    expect(restocks('HANDED_OVER', 'CANCELLED')).toBe(false);
    expect(restocks('DELIVERED', 'REFUNDED')).toBe(false);
    expect(restocks('PACKED', 'HANDED_OVER')).toBe(false);
  });

  it('send an order paid for to a refund instead of a cancel', () => {
    expect(mayCancel('PACKED', true)).toBe(false);
    expect(mayCancel('PACKED', false)).toBe(true);
    expect(mayCancel('DELIVERED', false)).toBe(false);
  });
});
