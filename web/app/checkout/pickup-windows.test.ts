import { describe, expect, it } from 'vitest';
import { nextPickupWindows, offeredWindow } from './pickup-windows.ts';

describe('nextPickupWindows', () => {
  it('offers morning and afternoon windows in Vietnam time, at least four hours ahead', () => {
    // 10:00 in Vietnam: this afternoon's window is the first one far enough ahead.
    const windows = nextPickupWindows(new Date('2026-11-29T03:00:00Z'), 3);
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2026-11-29T09:00:00.000Z', '2026-11-29T12:00:00.000Z'],
      ['2026-11-30T01:00:00.000Z', '2026-11-30T04:00:00.000Z'],
      ['2026-11-30T09:00:00.000Z', '2026-11-30T12:00:00.000Z'],
    ]);
  });

  it('uses the Vietnamese day after UTC midnight has not yet come (23:30 in Vietnam)', () => {
    const [first] = nextPickupWindows(new Date('2026-11-29T16:30:00Z'), 1);
    expect(first!.start.toISOString()).toBe('2026-11-30T01:00:00.000Z');
  });
});

describe('offeredWindow', () => {
  const now = new Date('2026-11-29T03:00:00Z');
  it('accepts the start of an offered window and refuses a past or made-up one', () => {
    expect(offeredWindow('2026-11-30T01:00:00.000Z', now)?.end.toISOString()).toBe('2026-11-30T04:00:00.000Z');
    expect(offeredWindow('2026-11-29T01:00:00.000Z', now)).toBeNull();
    expect(offeredWindow('2026-11-30T02:00:00.000Z', now)).toBeNull();
    expect(offeredWindow('not a date', now)).toBeNull();
  });
});
