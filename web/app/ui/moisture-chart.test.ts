import { describe, expect, it } from 'vitest';
import { moistureChart } from './moisture-chart.ts';

describe('moistureChart', () => {
  it('breaks the line at every hour without data and marks each gap', () => {
    const chart = moistureChart([20, 21, null, null, 22, 21, null], null);
    // Two subpaths (two "M"), none crossing hours 2–3 or 6.
    expect(chart.line.match(/M/g)).toHaveLength(2);
    expect(chart.line).not.toMatch(/[ML]2\.5 |[ML]3\.5 |[ML]6\.5 /);
    expect(chart.gaps).toEqual([
      { x: 2, width: 2 },
      { x: 6, width: 1 },
    ]);
    expect(chart.width).toBe(7);
  });

  it('draws a lone hour between gaps as a dot, not a line to its neighbours', () => {
    const chart = moistureChart([null, 21, null], null);
    expect(chart.line).toMatch(/^M1\.5 [\d.]+h0$/);
  });

  it('scales whole percents around the data and the band, band inside the frame', () => {
    const chart = moistureChart([20.2, 20.8], { low: 19.6, high: 21.8 });
    expect(chart.bottom).toBe(19);
    expect(chart.top).toBe(23);
    expect(chart.band).toEqual({ y: 30, height: 55 });
    expect(chart.line).toBe('M0.5 70L1.5 55');
  });

  it('draws no line and one gap over a period with no data', () => {
    const chart = moistureChart([null, null, null], null);
    expect(chart.line).toBe('');
    expect(chart.gaps).toEqual([{ x: 0, width: 3 }]);
  });
});
