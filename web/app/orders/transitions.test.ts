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

const delivery = (status: OrderStatus) => ({ status, fulfilment: 'DELIVERY' as const });
const pickup = (status: OrderStatus) => ({ status, fulfilment: 'PICKUP' as const });
const order = (status: OrderStatus) => ({ reference: 'SL-1', ...delivery(status) });

describe('order transitions', () => {
  it('take an order from placed through paid or confirmed and packed to delivered', () => {
    for (const o of [delivery, pickup]) {
      expect(canTransition(o('PLACED'), 'PAID')).toBe(true);
      expect(canTransition(o('PLACED'), 'CONFIRMED')).toBe(true);
      expect(canTransition(o('PAID'), 'PACKED')).toBe(true);
      expect(canTransition(o('CONFIRMED'), 'PACKED')).toBe(true);
    }
  });

  it('hand a delivery over to the courier before it is delivered, and deliver a pickup from the shelf', () => {
    expect(canTransition(delivery('PACKED'), 'HANDED_OVER')).toBe(true);
    expect(canTransition(delivery('HANDED_OVER'), 'DELIVERED')).toBe(true);
    expect(canTransition(delivery('PACKED'), 'DELIVERED')).toBe(false);
    expect(canTransition(pickup('PACKED'), 'DELIVERED')).toBe(true);
    expect(canTransition(pickup('PACKED'), 'HANDED_OVER')).toBe(false);
  });

  it('refuse skipping payment, going backwards, and anything after cancelled or refunded', () => {
    expect(() => assertTransition(order('PLACED'), 'PACKED')).toThrow(illegal('PLACED'));
    expect(() => assertTransition(order('PLACED'), 'DELIVERED')).toThrow(illegal('PLACED'));
    expect(() => assertTransition(order('PACKED'), 'PAID')).toThrow(illegal('PACKED'));
    expect(() => assertTransition(order('DELIVERED'), 'PACKED')).toThrow(illegal('DELIVERED'));
    expect(() => assertTransition(order('PAID'), 'CONFIRMED')).toThrow(illegal('PAID'));
    expect(() => assertTransition(order('PLACED'), 'REFUNDED')).toThrow(illegal('PLACED'));
    for (const to of all) {
      expect(canTransition(delivery('CANCELLED'), to)).toBe(false);
      expect(canTransition(pickup('REFUNDED'), to)).toBe(false);
    }
  });

  it('never lead from a status to itself (a repeated action changes nothing)', () => {
    for (const status of all) expect(canTransition(delivery(status), status)).toBe(false);
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
    expect(mayCancel(delivery('PACKED'), true)).toBe(false);
    expect(mayCancel(delivery('PACKED'), false)).toBe(true);
    expect(mayCancel(pickup('DELIVERED'), false)).toBe(false);
  });
});
