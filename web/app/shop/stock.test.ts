import { describe, expect, it } from 'vitest';
import { availableStock } from './stock.ts';

const now = new Date('2026-11-28T05:00:00Z');
const later = new Date(now.getTime() + 15 * 60_000);
const earlier = new Date(now.getTime() - 60_000);

describe('availableStock', () => {
  it('is the stock when nothing is reserved', () => {
    expect(availableStock(12, [], now)).toBe(12);
  });

  it('takes away units that active reservations hold', () => {
    expect(availableStock(12, [{ quantity: 5, expiresAt: later, releasedAt: null }], now)).toBe(7);
  });

  it('ignores reservations that expired or were released', () => {
    const reservations = [
      { quantity: 5, expiresAt: earlier, releasedAt: null },
      { quantity: 3, expiresAt: later, releasedAt: earlier },
    ];
    expect(availableStock(12, reservations, now)).toBe(12);
  });

  it('never goes below zero', () => {
    expect(availableStock(2, [{ quantity: 5, expiresAt: later, releasedAt: null }], now)).toBe(0);
  });
});
