// Farmer commands. Each is validated first; a refused command logs 'command-refused' with the
// reason and changes nothing. Accepted commands change the zone's mode and close runs at once;
// starts happen in the step's start phase, where safety, budget and the shared pump decide.

import { clear, needsAck } from './alarms.ts';
import { releaseLeak } from './safety.ts';
import { setMode, stopRun } from './runs.ts';
import type { AlarmKind, ZoneCommand } from './types.ts';
import { findZone, zoneOf, type Work } from './work.ts';

const MINUTE_MS = 60_000;
export const MANUAL_MINUTES_MIN = 1;
export const MANUAL_MINUTES_MAX = 240;

export function applyCommands(w: Work, commands: readonly ZoneCommand[]): void {
  for (const command of commands) {
    const reason = refusal(w, command);
    if (reason !== null) w.events.push({ type: 'command-refused', at: w.now, command, reason });
    else apply(w, command);
  }
}

/** Why the command cannot be applied now, or null when it can. */
export function refusal(w: Work, c: ZoneCommand): string | null {
  if (c.kind === 'acknowledge') return ackRefusal(w, c.alarmKind, c.zoneId);
  const z = findZone(w, c.zoneId);
  if (!z) return `unknown zone ${c.zoneId}`;
  switch (c.kind) {
    case 'run': {
      if (!Number.isFinite(c.minutes) || c.minutes < MANUAL_MINUTES_MIN || c.minutes > MANUAL_MINUTES_MAX) {
        return `minutes must be ${MANUAL_MINUTES_MIN}..${MANUAL_MINUTES_MAX}, got ${c.minutes}`;
      }
      // Off and paused are the farmer's own "no water here": resume the zone first.
      if (z.mode.kind === 'off') return 'zone is off: set it to auto first';
      if (z.mode.kind === 'paused') return 'zone is paused: resume it first';
      if (w.site.leak) return 'leak alarm: master valve shut until acknowledged and dry';
      if (z.sensorAlarm !== null) return `moisture sensor fault (${z.sensorAlarm})`;
      if (z.noFlow) return 'no-flow alarm: acknowledge it first';
      if (!w.config.settings[c.zoneId]) return 'zone has no settings';
      if (z.budgetReached) return 'daily water budget reached: raise the budget to water more today';
      return null;
    }
    case 'pause':
      if (!Number.isFinite(c.until) || c.until <= w.now) return 'pause until must be in the future';
      return null;
    case 'stop':
    case 'resume':
    case 'off':
    case 'auto':
      return null;
  }
}

function ackRefusal(w: Work, alarm: AlarmKind, zoneId: string | null): string | null {
  if (!needsAck(alarm)) return `${alarm} clears by itself when its cause is gone`;
  if (alarm === 'leak') {
    if (!w.site.leak) return 'no leak alarm is active';
    if (w.site.leakAcked) return 'leak already acknowledged: it clears when the line is dry';
    return null;
  }
  if (zoneId === null) return 'no-flow is a zone alarm: name the zone';
  const z = findZone(w, zoneId);
  if (!z) return `unknown zone ${zoneId}`;
  if (!z.noFlow) return `no no-flow alarm is active on zone ${zoneId}`;
  return null;
}

function apply(w: Work, c: ZoneCommand): void {
  if (c.kind === 'acknowledge') {
    if (c.alarmKind === 'leak') {
      w.site.leakAcked = true;
      releaseLeak(w);
    } else if (c.zoneId !== null) {
      zoneOf(w, c.zoneId).noFlow = false;
      clear(w, c.zoneId, 'no-flow');
    }
    return;
  }
  const z = zoneOf(w, c.zoneId);
  switch (c.kind) {
    case 'run':
      // An automatic run already open simply becomes the manual one: the valve stays open.
      if (z.run) z.run = { ...z.run, kind: 'manual' };
      setMode(w, c.zoneId, z, { kind: 'manual', until: w.now + c.minutes * MINUTE_MS }, `run ${c.minutes} min`);
      return;
    case 'stop':
      stopRun(w, c.zoneId, z, 'manual-stop');
      // Between cycles (soaking) a stop ends the watering too: the zone would reopen otherwise.
      z.cycleDemand = false;
      if (z.mode.kind === 'manual') setMode(w, c.zoneId, z, { kind: 'auto' }, 'manual run stopped');
      return;
    case 'pause':
      stopRun(w, c.zoneId, z, 'paused');
      setMode(w, c.zoneId, z, { kind: 'paused', until: c.until }, 'paused');
      return;
    case 'off':
      stopRun(w, c.zoneId, z, 'off');
      setMode(w, c.zoneId, z, { kind: 'off' }, 'off');
      return;
    case 'resume':
    case 'auto':
      // Back to automatic from any mode; a manual run in progress ends here.
      if (z.mode.kind === 'manual') stopRun(w, c.zoneId, z, 'manual-stop');
      setMode(w, c.zoneId, z, { kind: 'auto' }, c.kind === 'resume' ? 'resumed' : 'auto');
      return;
  }
}
