import { describe, expect, it } from 'vitest';
import { etcScale, markBandStart, trackCalibration } from './calibration.ts';
import { HOUR, makeSim } from './testkit.ts';
import type { ZoneState } from './types.ts';

const T = 1_750_000_000_000;

function zone(): ZoneState {
  return structuredClone(makeSim().state.zones.a as ZoneState);
}

describe('ET calibration from band control', () => {
  it('learns the water used over the estimate between two band starts at the same reading', () => {
    const z = zone();
    markBandStart(z, 24.9, T);
    trackCalibration(z, 60, 48);
    trackCalibration(z, 40, 32);
    markBandStart(z, 24.8, T + 20 * HOUR);
    expect(etcScale(z.etCalibration)).toBeCloseTo(0.8, 9);
  });

  it('uses the plain estimate (1) until an interval has counted', () => {
    const z = zone();
    expect(etcScale(z.etCalibration)).toBe(1);
    markBandStart(z, 24.9, T);
    trackCalibration(z, 100, 80);
    expect(etcScale(z.etCalibration)).toBe(1);
  });

  it('does not count an interval whose ends are at different readings (a start after a night outside the windows)', () => {
    const z = zone();
    markBandStart(z, 24.9, T);
    trackCalibration(z, 100, 80);
    markBandStart(z, 24.2, T + 20 * HOUR);
    expect(etcScale(z.etCalibration)).toBe(1);
  });

  it('does not count an interval with a sensor fault or the zone out of auto in it', () => {
    for (const spoil of ['fault', 'paused'] as const) {
      const z = zone();
      markBandStart(z, 24.9, T);
      trackCalibration(z, 50, 40);
      if (spoil === 'fault') z.sensorAlarm = 'sensor-stale';
      else z.mode = { kind: 'paused', until: T + HOUR };
      trackCalibration(z, 50, 40);
      z.sensorAlarm = null;
      z.mode = { kind: 'auto' };
      markBandStart(z, 24.9, T + 20 * HOUR);
      expect(etcScale(z.etCalibration)).toBe(1);
    }
  });

  it('keeps the learned ratio within 0.5..1.5', () => {
    const z = zone();
    markBandStart(z, 24.9, T);
    trackCalibration(z, 100, 400);
    markBandStart(z, 24.9, T + 20 * HOUR);
    expect(etcScale(z.etCalibration)).toBe(1.5);
  });
});
