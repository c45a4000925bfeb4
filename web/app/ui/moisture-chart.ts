import type { MoistureBand } from '../shop/irrigation-record.ts';

// Geometry of the moisture chart, in a viewBox one unit wide per hour and 100 units high (the
// SVG is stretched to its box, strokes do not scale). Hours without data end the line: it never
// crosses a gap.

export type MoistureChart = {
  /** viewBox width: one unit per hour. */
  width: number;
  height: 100;
  /** Path of the hourly averages; each run of hours with data is its own subpath. */
  line: string;
  /** Hours without data, as x ranges. */
  gaps: { x: number; width: number }[];
  band: { y: number; height: number } | null;
  /** The moisture values at the top and bottom of the chart. */
  top: number;
  bottom: number;
};

export function moistureChart(moisture: readonly (number | null)[], band: MoistureBand | null): MoistureChart {
  const known = moisture.filter((m): m is number => m !== null);
  const values = band ? [...known, band.low, band.high] : known;
  // Whole-percent bounds with a little room, so the line never touches the frame.
  const bottom = values.length > 0 ? Math.floor(Math.min(...values) - 0.5) : 0;
  const top = values.length > 0 ? Math.ceil(Math.max(...values) + 0.5) : 100;
  const y = (m: number) => round1(((top - m) / (top - bottom)) * 100);

  const parts: string[] = [];
  const gaps: MoistureChart['gaps'] = [];
  let segment = 0;
  let gapStart = -1;
  for (let i = 0; i <= moisture.length; i++) {
    const m = i < moisture.length ? moisture[i] : null;
    const ends = m === null || m === undefined;
    if (ends) {
      // A lone hour between gaps is a dot: a zero-length stroke with round caps.
      if (segment === 1) parts.push('h0');
      segment = 0;
      if (i < moisture.length && gapStart < 0) gapStart = i;
    } else {
      parts.push(`${segment === 0 ? 'M' : 'L'}${i + 0.5} ${y(m)}`);
      segment++;
    }
    if ((!ends || i === moisture.length) && gapStart >= 0) {
      gaps.push({ x: gapStart, width: i - gapStart });
      gapStart = -1;
    }
  }
  return {
    width: Math.max(1, moisture.length),
    height: 100,
    line: parts.join(''),
    gaps,
    band: band ? { y: y(band.high), height: round1(y(band.low) - y(band.high)) } : null,
    top,
    bottom,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
