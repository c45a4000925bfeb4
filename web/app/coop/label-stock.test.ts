import { describe, expect, it } from 'vitest';
import { labelCells, labelStocks, qrModuleMm } from './label-stock.ts';

describe('label stocks', () => {
  it('fills an A4 sheet 3 across and 8 down, then starts the next sheet', () => {
    const cells = labelCells(labelStocks.a4, 25);
    expect(cells[0]).toEqual({ page: 0, x: 0, y: 0.5 });
    expect(cells[2]).toEqual({ page: 0, x: 140, y: 0.5 });
    expect(cells[23]).toEqual({ page: 0, x: 140, y: 0.5 + 7 * 37 });
    expect(cells[24]).toEqual({ page: 1, x: 0, y: 0.5 });
    // The last row ends inside the sheet.
    expect(cells[23]!.y + 37).toBeLessThanOrEqual(297);
  });

  it('puts one label on each page of the label-printer stock', () => {
    expect(labelCells(labelStocks.single, 2)).toEqual([
      { page: 0, x: 0, y: 0 },
      { page: 1, x: 0, y: 0 },
    ]);
  });

  it('sizes QR modules between 0.5 and 0.8 mm with a 4-module quiet zone, and refuses a code too dense to scan', () => {
    expect(qrModuleMm(37, 34)).toBeCloseTo(34 / 45);
    expect(qrModuleMm(21, 34)).toBe(0.8);
    expect(() => qrModuleMm(61, 34)).toThrow(RangeError);
  });
});
