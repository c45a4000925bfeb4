// What the sensors show. A capacitive soil moisture probe on a 10-bit ADC reads lower counts in
// wetter soil; the bridge calibrates it with two points (raw at 0 % and at 50 % VWC) and a
// straight line between them. Noise is a few counts (±2: a live analog input never holds one
// value for minutes), air temperature ±0.3 °C and humidity ±1.5 % RH (DHT22/SHT-class).

import { jitter, random, type Rng } from './random.ts';
import type { SensorCalibration, ZoneSim } from './types.ts';

export const RAW_MAX = 1023;
/** The wet calibration point, % VWC. */
export const CALIBRATION_WET_PERCENT = 50;
export const SENSOR_NOISE_COUNTS = 2;
export const NOISY_SENSOR_COUNTS = 80;
const AIR_NOISE_C = 0.3;
const HUMIDITY_NOISE = 1.5;

/** Noise-free raw counts for a moisture, % VWC (not rounded, not clamped). */
export function rawFromMoisture(cal: SensorCalibration, moisture: number): number {
  return cal.rawDry - ((cal.rawDry - cal.rawWet) * moisture) / CALIBRATION_WET_PERCENT;
}

/** The bridge's calibration: raw counts → % VWC (straight line through the two points). */
export function moistureFromRaw(cal: SensorCalibration, raw: number): number {
  return ((cal.rawDry - raw) * CALIBRATION_WET_PERCENT) / (cal.rawDry - cal.rawWet);
}

function adc(value: number): number {
  return Math.min(RAW_MAX, Math.max(0, Math.round(value)));
}

/**
 * A new raw sample for the zone's probe, or `undefined` when the board gets none (unplugged with
 * no reading: the last sample simply ages).
 */
export function sampleRaw(z: ZoneSim, noise: Rng): number | null | undefined {
  const fault = z.sensorFault;
  const clean = rawFromMoisture(z.spec.sensor, z.soil.theta);
  if (fault === null) return adc(clean + jitter(noise, SENSOR_NOISE_COUNTS));
  switch (fault.kind) {
    case 'sensor-noisy':
      return adc(clean + jitter(noise, NOISY_SENSOR_COUNTS));
    case 'sensor-stuck':
      return z.raw ?? adc(clean);
    case 'sensor-unplugged':
      if (fault.reads === 'nothing') return undefined;
      return fault.reads === 'high' ? RAW_MAX : 0;
  }
}

/** Air temperature as the sensor reads it, °C to 0.1. */
export function sampleTemperature(trueC: number, noise: Rng): number {
  return Math.round((trueC + (random(noise) * 2 - 1) * AIR_NOISE_C) * 10) / 10;
}

/** Relative humidity as the sensor reads it, % to 0.1, within 0..100. */
export function sampleHumidity(truePercent: number, noise: Rng): number {
  const read = truePercent + (random(noise) * 2 - 1) * HUMIDITY_NOISE;
  return Math.round(Math.min(100, Math.max(0, read)) * 10) / 10;
}
