// Fallback watering: a zone whose moisture sensor has failed does not stay dry. Once its valve is
// closed and its alarm raised (safety.ts), it waters on an ET bucket, as an FAO-56 water balance
// without a sensor: the crop's estimated use (ETc from the zone's Kc and area, et.ts, scaled by
// what band control learned of the zone's real use, calibration.ts) fills the bucket, the water its fallback cycles apply (by the zone meter) empties it. A cycle starts when
// the bucket holds `fallbackTriggerLitresPerM2` and stops when the bucket is empty, each still
// bounded by max run, soak, windows, the daily budget and the shared pump (schedule.ts). When the
// sensor is good again the bucket is emptied and band control takes over.

import { etcScale } from './calibration.ts';
import type { ControlLimits, ZoneProfile, ZoneSettings, ZoneState } from './types.ts';

/**
 * The zone waters on its ET bucket now: its sensor has a fault, the farmer has not turned
 * fallback off, and it has a flow meter to measure the water by (a nominal flow commissioned).
 */
export function inFallback(z: ZoneState, profile: ZoneProfile, settings: ZoneSettings | undefined): boolean {
  return (
    z.sensorAlarm !== null &&
    settings !== undefined &&
    settings.fallbackWatering !== false &&
    profile.nominalFlowLpm > 0
  );
}

/**
 * Fill the bucket with this step's crop water use while the zone is in fallback: the ETc
 * estimate scaled by what band control learned of the zone's real use (calibration.ts). Empty it
 * when the zone is not in fallback, or when the farmer has turned it off (no water is owed then).
 */
export function trackFallbackBucket(
  z: ZoneState,
  profile: ZoneProfile,
  settings: ZoneSettings | undefined,
  etcLitres: number,
  limits: ControlLimits,
): void {
  if (inFallback(z, profile, settings) && z.mode.kind !== 'off') {
    z.fallbackBucketLitres += etcLitres * etcScale(z.etCalibration) * limits.fallbackSafetyFactor;
  } else z.fallbackBucketLitres = 0;
}

/** Litres in the bucket that start a fallback cycle. */
export function fallbackTriggerLitres(profile: ZoneProfile, limits: ControlLimits): number {
  return limits.fallbackTriggerLitresPerM2 * profile.areaM2;
}
