import type { AlarmKind, Millis } from './types.ts';
import type { Work } from './work.ts';

/**
 * Alarms that stay latched until the farmer acknowledges them: both mean water went (or did not
 * go) somewhere unseen, and reopening on its own could flood a house or burn a dry pump. Sensor
 * and budget alarms clear by themselves once their cause is gone.
 */
export function needsAck(alarm: AlarmKind): boolean {
  return alarm === 'leak' || alarm === 'no-flow';
}

export function raise(w: Work, zoneId: string | null, alarm: AlarmKind, message: string): void {
  w.events.push({ type: 'alarm-raised', at: w.now, zoneId, alarm, message, needsAck: needsAck(alarm) });
}

export function clear(w: Work, zoneId: string | null, alarm: AlarmKind): void {
  w.events.push({ type: 'alarm-cleared', at: w.now, zoneId, alarm });
}

/** Litres or L/min for a message: one decimal is what a farmer reads. */
export function fmt(n: number): string {
  return n.toFixed(1);
}

export function minutes(ms: Millis): string {
  return `${Math.round(ms / 60_000)} min`;
}
