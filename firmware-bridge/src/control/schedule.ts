// When a zone's run must stop and when a zone wants to start. Safety comes first in both; then
// the budget; then the mode's own rules (band, max run, ET bound, windows; manual expiry; or,
// after a sensor fault, the fallback ET bucket).

import { fallbackTriggerLitres, inFallback } from './fallback.ts';
import { runLitres } from './runs.ts';
import { inAnyWindow } from './windows.ts';
import type { ControlLimits, Millis, StartRule, StopRule, ZoneProfile, ZoneSettings, ZoneState } from './types.ts';

const MINUTE_MS = 60_000;

export type RuleContext = { now: Millis; limits: ControlLimits; minuteOfDay: number; leak: boolean };

/**
 * Why this zone may not have water at all right now, whatever its mode; null when it may. A
 * sensor fault blocks every run but a fallback one (`fallback` true), which exists for it.
 */
export function blockedBy(
  z: ZoneState,
  settings: ZoneSettings | undefined,
  leak: boolean,
  fallback = false,
): StopRule | null {
  if (leak || z.noFlow || (z.sensorAlarm !== null && !fallback)) return 'fault';
  // A zone without settings has no band, budget or run limit the core could honour.
  if (!settings) return 'off';
  if (z.budgetReached) return 'budget';
  return null;
}

/**
 * ET bound of an automatic cycle, litres: `etSafetyFactor` × the crop water used since the zone
 * was last watered (still growing during the run) + `etAllowanceLitresPerM2` × area.
 */
export function etBoundLitres(z: ZoneState, profile: ZoneProfile, limits: ControlLimits): number {
  return limits.etSafetyFactor * z.etcDebtLitres + limits.etAllowanceLitresPerM2 * profile.areaM2;
}

/** The rule that stops the zone's open run now, or null to keep watering. */
export function stopRuleFor(
  z: ZoneState,
  profile: ZoneProfile,
  settings: ZoneSettings | undefined,
  ctx: RuleContext,
): StopRule | null {
  const run = z.run;
  if (!run) return null;
  const blocked = blockedBy(z, settings, ctx.leak, run.kind === 'fallback');
  if (blocked !== null || !settings) return blocked ?? 'off';
  if (run.kind === 'manual') {
    // A manual run answers to its own expiry only (and to safety and the budget, above).
    return z.mode.kind === 'manual' && ctx.now < z.mode.until ? null : 'manual-expired';
  }
  if (run.kind === 'fallback') return fallbackStopRule(z, profile, settings, ctx);
  // The band reaching its high mark is the normal end, so it is named first when several hold.
  if (z.moisture !== null && z.moisture >= settings.moistureHigh) return 'band-high';
  if (ctx.now - run.startedAt >= settings.maxRunMinutes * MINUTE_MS) return 'max-run';
  if (runLitres(run, z.lastLitresTotal) > etBoundLitres(z, profile, ctx.limits)) return 'et-bound';
  if (!inAnyWindow(settings.windows, ctx.minuteOfDay)) return 'window-closed';
  return null;
}

/**
 * Why a fallback run stops: the sensor is good again (band control takes over), fallback was
 * turned off (the fault holds the zone closed again), max run, the bucket emptied ('et-bound':
 * it has applied what the crop used), or the window closing.
 */
function fallbackStopRule(
  z: ZoneState,
  profile: ZoneProfile,
  settings: ZoneSettings,
  ctx: RuleContext,
): StopRule | null {
  const run = z.run;
  if (!run) return null;
  if (z.sensorAlarm === null) return 'sensor-recovered';
  if (!inFallback(z, profile, settings)) return 'fault';
  if (ctx.now - run.startedAt >= settings.maxRunMinutes * MINUTE_MS) return 'max-run';
  if (runLitres(run, z.lastLitresTotal) >= z.fallbackBucketLitres) return 'et-bound';
  if (!inAnyWindow(settings.windows, ctx.minuteOfDay)) return 'window-closed';
  return null;
}

/** The rule a closed zone would start on now (before the shared pump has its say), or null. */
export function startRuleFor(
  z: ZoneState,
  profile: ZoneProfile,
  settings: ZoneSettings | undefined,
  ctx: RuleContext,
): StartRule | null {
  if (z.run || !settings) return null;
  if (z.mode.kind === 'auto' && inFallback(z, profile, settings)) return fallbackStartRule(z, profile, settings, ctx);
  if (blockedBy(z, settings, ctx.leak) !== null) return null;
  if (z.mode.kind === 'manual') return ctx.now < z.mode.until ? 'manual' : null;
  if (z.mode.kind !== 'auto') return null;
  if (z.moisture === null) return null;
  // Below the low mark starts a watering; a watering still latched (cycle and soak) goes on
  // below the high mark. Either way the rule is the band's: it started the watering.
  const wants = z.moisture < settings.moistureLow || (z.cycleDemand && z.moisture < settings.moistureHigh);
  if (!wants) return null;
  if (z.lastStopAt !== null && ctx.now - z.lastStopAt < settings.minSoakMinutes * MINUTE_MS) return null;
  return inAnyWindow(settings.windows, ctx.minuteOfDay) ? 'band-low' : null;
}

/**
 * A fallback cycle starts when the bucket holds the trigger's litres, the soak since the last
 * stop has passed and a window is open; safety (but the sensor) and the budget still hold it.
 */
function fallbackStartRule(
  z: ZoneState,
  profile: ZoneProfile,
  settings: ZoneSettings,
  ctx: RuleContext,
): StartRule | null {
  if (blockedBy(z, settings, ctx.leak, true) !== null) return null;
  if (z.fallbackBucketLitres < fallbackTriggerLitres(profile, ctx.limits)) return null;
  if (z.lastStopAt !== null && ctx.now - z.lastStopAt < settings.minSoakMinutes * MINUTE_MS) return null;
  return inAnyWindow(settings.windows, ctx.minuteOfDay) ? 'fallback-et' : null;
}

/**
 * End a latched watering (cycle and soak) that no longer may or need go on: the reading reached
 * the high mark, the zone left auto, has a fault or no settings, spent its budget, or is closed
 * outside every window (a watering never carries over to the next window).
 */
export function releaseCycleDemand(z: ZoneState, settings: ZoneSettings | undefined, ctx: RuleContext): void {
  if (!z.cycleDemand) return;
  const done =
    !settings ||
    z.mode.kind !== 'auto' ||
    blockedBy(z, settings, ctx.leak) !== null ||
    (z.moisture !== null && z.moisture >= settings.moistureHigh) ||
    (z.run === null && !inAnyWindow(settings.windows, ctx.minuteOfDay));
  if (done) z.cycleDemand = false;
}
