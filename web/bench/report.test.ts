import { describe, expect, it } from 'vitest';
import { percentile } from './report.ts';

describe('percentile (nearest rank), as the benches report delays', () => {
  it('picks the value at the rank ceil(q × n), whatever order the values came in', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.95)).toBe(10);
    expect(percentile(values, 0.1)).toBe(1);
    expect(percentile(values, 1)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(values[0]).toBe(5); // the caller's array is left as it was
  });

  it('is NaN for no values', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});
