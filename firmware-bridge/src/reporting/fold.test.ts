import { describe, expect, it } from 'vitest';
import { foldTelemetry } from './fold.ts';
import { summaryMessageSchema } from './protocol.ts';
import { T0, telemetry, zone } from './testkit.ts';

const MIN = 60_000;

describe('folding telemetry into a summary', () => {
  it('gives per-zone min/avg/max moisture, litres, open minutes and the span it covers', () => {
    const summary = foldTelemetry([
      telemetry(10, T0, [
        zone({ moisture: 24, valveOpen: true, litresToday: 100 }),
        zone({ id: 'z2', moisture: null }),
      ]),
      telemetry(11, T0 + MIN, [
        zone({ moisture: 27, valveOpen: true, litresToday: 108 }),
        zone({ id: 'z2', moisture: 40 }),
      ]),
      telemetry(13, T0 + 2 * MIN, [
        zone({ moisture: 33, valveOpen: false, litresToday: 116 }),
        zone({ id: 'z2', moisture: null }),
      ]),
    ]);
    expect(summaryMessageSchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      kind: 'summary',
      seq: 10,
      throughSeq: 13,
      at: T0 + 2 * MIN,
      from: T0,
      to: T0 + 2 * MIN,
      samples: 3,
    });
    expect(summary.zones).toEqual([
      {
        id: 'z1',
        moisture: { min: 24, avg: 28, max: 33, samples: 3 },
        litres: 16,
        litresToday: 116,
        openMinutes: 2,
        valveOpen: false,
      },
      {
        id: 'z2',
        moisture: { min: 40, avg: 40, max: 40, samples: 1 },
        litres: 0,
        litresToday: 0,
        openMinutes: 0,
        valveOpen: false,
      },
    ]);
  });

  it('counts the water after local midnight reset the daily counter', () => {
    const summary = foldTelemetry([
      telemetry(1, T0, [zone({ litresToday: 500 })]),
      telemetry(2, T0 + MIN, [zone({ litresToday: 510 })]),
      telemetry(3, T0 + 2 * MIN, [zone({ litresToday: 4 })]),
    ]);
    expect(summary.zones[0]!.litres).toBe(14);
  });

  it('folds summaries again with the same totals as folding the samples at once', () => {
    const samples = Array.from({ length: 9 }, (_, i) =>
      telemetry(i + 1, T0 + i * MIN, [zone({ moisture: 20 + i, valveOpen: i % 3 === 0, litresToday: i * i })]),
    );
    const once = foldTelemetry(samples);
    const twice = foldTelemetry([foldTelemetry(samples.slice(0, 4)), samples[4]!, foldTelemetry(samples.slice(5))]);
    expect(twice).toEqual(once);
  });
});
