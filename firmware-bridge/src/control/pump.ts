// The shared pump: at most `maxOpenZones` valves open at once. Zones that want water queue
// fairly: the one that has waited longest goes first, and a zone that just ran starts waiting
// afresh, so it goes to the back. A farmer's manual run goes ahead of automatic ones and may
// close the longest-running automatic run to get a place ("water now" means now).

import type { Millis, StartRule } from './types.ts';

export type Candidate = {
  zoneId: string;
  rule: StartRule;
  waitingSince: Millis;
  lastStopAt: Millis | null;
  /** Position in the configured zone list: the last, stable tie-break. */
  order: number;
};

/**
 * Queue order: manual first, then longest waiting, then longest since it last ran, then zone
 * order. Automatic starts (band or fallback) are equals.
 */
export function byQueueOrder(a: Candidate, b: Candidate): number {
  const manualA = a.rule === 'manual';
  if (manualA !== (b.rule === 'manual')) return manualA ? -1 : 1;
  if (a.waitingSince !== b.waitingSince) return a.waitingSince - b.waitingSince;
  if (a.lastStopAt !== b.lastStopAt) {
    if (a.lastStopAt === null) return -1;
    if (b.lastStopAt === null) return 1;
    return a.lastStopAt - b.lastStopAt;
  }
  return a.order - b.order;
}

/** Valves that may be open at once; 0 in the limits means no limit. */
export function capacity(maxOpenZones: number): number {
  return maxOpenZones > 0 ? maxOpenZones : Number.POSITIVE_INFINITY;
}
