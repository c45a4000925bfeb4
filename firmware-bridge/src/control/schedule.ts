// When a zone's run must stop and when a zone wants to start. Safety comes first in both; then
// the budget; then the mode's own rules (band, max run, ET bound, windows; or manual expiry).

import { runLitres } from './runs.ts';
import { inAnyWindow } from './windows.ts';
import type { ControlLimits, Millis, StartRule, StopRule, ZoneProfile, ZoneSettings, ZoneState } from './types.ts';

const MINUTE_MS = 60_000;

export type RuleContext = { now: Millis; limits: ControlLimits; minuteOfDay: number; leak: boolean };

/** Why this zone may not have water at all right now, whatever its mode; null when it may. */
export function blockedBy(z: ZoneState, settings: ZoneSettings | undefined, leak: boolean): StopRule | null {
  if (leak || z.sensorAlarm !== null || z.noFlow) return 'fault';
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
  const blocked = blockedBy(z, settings, ctx.leak);
  if (blocked !== null || !settings) return blocked ?? 'off';
  if (run.kind === 'manual') {
    // A manual run answers to its own expiry only (and to safety and the budget, above).
    return z.mode.kind === 'manual' && ctx.now < z.mode.until ? null : 'manual-expired';
  }
  // The band reaching its high mark is the normal end, so it is named first when several hold.
  if (z.moisture !== null && z.moisture >= settings.moistureHigh) return 'band-high';
  if (ctx.now - run.startedAt >= settings.maxRunMinutes * MINUTE_MS) return 'max-run';
  if (runLitres(run, z.lastLitresTotal) > etBoundLitres(z, profile, ctx.limits)) return 'et-bound';
  if (!inAnyWindow(settings.windows, ctx.minuteOfDay)) return 'window-closed';
  return null;
}

/** The rule a closed zone would start on now (before the shared pump has its say), or null. */
export function startRuleFor(z: ZoneState, settings: ZoneSettings | undefined, ctx: RuleContext): StartRule | null {
  if (z.run || !settings || blockedBy(z, settings, ctx.leak) !== null) return null;
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
