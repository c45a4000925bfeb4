// Formatting of the benchmark's report: aligned text for people, one JSON line for machines.

import { CROPS, createWeather, weatherDay } from '../src/sim/index.ts';
import { sum, type ZoneStats } from './metrics.ts';
import { DAYS, GREENHOUSE, SEED, ZONES, bandOf, thresholdOf } from './scenario.ts';
import { share } from './totals.ts';

const HOUR_MS = 3_600_000;

export const fixed = (x: number, digits: number) => x.toFixed(digits);
export const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join(' ');
}

/** A line on the weather of these days (0 = 1 May), so a reader can judge how demanding they were. */
export function weatherLine(label: string, from: number, to: number, leadInDays: number): string {
  const w = createWeather({ seed: SEED, start: GREENHOUSE.start, latitude: GREENHOUSE.latitude, leadInDays });
  const days = Array.from({ length: to - from }, (_, d) => weatherDay(w, from + d));
  const tMax = days.map((d) => d.tMax);
  const et0 = days.map((d) => d.et0Mm * 0.8);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return (
    `${label}: Tmax ${fixed(Math.min(...tMax), 1)}–${fixed(Math.max(...tMax), 1)} °C (mean ${fixed(mean(tMax), 1)}), ` +
    `${days.filter((d) => d.cloudy).length} cloudy days of ${days.length}, ET0 in the net house ` +
    `${fixed(Math.min(...et0), 1)}–${fixed(Math.max(...et0), 1)} mm/day (mean ${fixed(mean(et0), 2)})`
  );
}

const WIDTHS = [9, 14, 11, 10, 5, 7, 7, 7, 9, 8, 8, 7, 6, 6, 7];

/** The per-zone table: controller against the tuned timer. */
export function zoneTable(controller: ZoneStats[], timer: ZoneStats[]): string[] {
  const lines = [
    row(
      [
        'zone',
        'crop (days)',
        'soil',
        'band %',
        'θt',
        'inBand',
        '±0.5',
        'settld',
        'stress h',
        'ctrl L',
        'timer L',
        'ETc L',
        'c/ETc',
        't/ETc',
        'saving',
      ],
      WIDTHS,
    ),
  ];
  ZONES.forEach((z, i) => {
    const c = controller[i] as ZoneStats;
    const t = timer[i] as ZoneStats;
    const band = bandOf(z);
    lines.push(
      row(
        [
          z.id,
          `${CROPS[z.crop].name === 'melon' ? 'melon' : 'ch.tomato'} ${z.cropDayAtStart}-${z.cropDayAtStart + DAYS}`,
          z.soil.texture,
          `${band.low}–${band.high}`,
          fixed(thresholdOf(z), 1),
          fixed(share(c.inBandMs, c.totalMs), 3),
          fixed(share(c.inBandTolerantMs, c.totalMs), 3),
          fixed(share(c.settledInBandMs, c.settledMs), 3),
          `${fixed(c.stressMs / HOUR_MS, 1)}/${fixed(t.stressMs / HOUR_MS, 1)}`,
          fixed(c.appliedLitres, 0),
          fixed(t.appliedLitres, 0),
          fixed(c.etcLitres, 0),
          fixed(share(c.appliedLitres, c.etcLitres), 2),
          fixed(share(t.appliedLitres, t.etcLitres), 2),
          pct(1 - share(c.appliedLitres, t.appliedLitres)),
        ],
        WIDTHS,
      ),
    );
  });
  lines.push(
    row(
      [
        'total',
        '',
        '',
        '',
        '',
        fixed(share(sum(controller, 'inBandMs'), sum(controller, 'totalMs')), 3),
        fixed(share(sum(controller, 'inBandTolerantMs'), sum(controller, 'totalMs')), 3),
        fixed(share(sum(controller, 'settledInBandMs'), sum(controller, 'settledMs')), 3),
        `${fixed(sum(controller, 'stressMs') / HOUR_MS, 1)}/${fixed(sum(timer, 'stressMs') / HOUR_MS, 1)}`,
        fixed(sum(controller, 'appliedLitres'), 0),
        fixed(sum(timer, 'appliedLitres'), 0),
        fixed(sum(controller, 'etcLitres'), 0),
        fixed(share(sum(controller, 'appliedLitres'), sum(controller, 'etcLitres')), 2),
        fixed(share(sum(timer, 'appliedLitres'), sum(timer, 'etcLitres')), 2),
        pct(1 - share(sum(controller, 'appliedLitres'), sum(timer, 'appliedLitres'))),
      ],
      WIDTHS,
    ),
  );
  return lines;
}

/** Median and 99th percentile of a sample, sorted in place. */
export function percentiles(xs: Uint32Array): { median: number; p99: number } {
  xs.sort();
  return { median: xs[xs.length >> 1] ?? NaN, p99: xs[Math.floor(xs.length * 0.99)] ?? NaN };
}
