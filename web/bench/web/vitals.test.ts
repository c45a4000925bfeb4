import { describe, expect, it } from 'vitest';
import { cumulativeLayoutShift, largestContentfulPaint } from './vitals.ts';

const shift = (startTime: number, value: number, hadRecentInput = false) => ({ startTime, value, hadRecentInput });

describe('Cumulative Layout Shift, by session windows', () => {
  it('is 0 for a page that did not shift', () => {
    expect(cumulativeLayoutShift([])).toBe(0);
  });

  it('adds shifts less than 1 s apart into one window', () => {
    expect(cumulativeLayoutShift([shift(100, 0.05), shift(900, 0.04), shift(1800, 0.03)])).toBeCloseTo(0.12);
  });

  it('starts a new window after a gap of 1 s and reports the largest window', () => {
    expect(cumulativeLayoutShift([shift(100, 0.05), shift(1200, 0.02), shift(1300, 0.01)])).toBeCloseTo(0.05);
  });

  it('closes a window 5 s after its first shift, however close the shifts', () => {
    const steady = Array.from({ length: 12 }, (_, i) => shift(i * 500, 0.01));
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.1);
  });

  it('leaves out shifts that follow the user’s input', () => {
    expect(cumulativeLayoutShift([shift(100, 0.3, true), shift(200, 0.01)])).toBeCloseTo(0.01);
  });
});

describe('Largest Contentful Paint', () => {
  it('is the last candidate the page reported, null when there was none', () => {
    expect(
      largestContentfulPaint([
        { startTime: 400, element: 'h1' },
        { startTime: 900, element: 'img.photo' },
      ]),
    ).toEqual({
      ms: 900,
      element: 'img.photo',
    });
    expect(largestContentfulPaint([])).toBeNull();
  });
});
