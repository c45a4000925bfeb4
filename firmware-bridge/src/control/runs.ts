// Opening and closing a zone's run, and the zone's mode: the only places that log water-started,
// water-stopped and mode-changed, so every start and stop carries its rule, litres and start time.

import { markBandStart } from './calibration.ts';
import type {
  ControlEvent,
  ControlState,
  Millis,
  OpenRunRecord,
  RunState,
  StartRule,
  StopRule,
  WaterStoppedEvent,
  ZoneMode,
  ZoneState,
} from './types.ts';

/** What opening and closing need: the step's time and its event log (`shutdown` has no more). */
export type Log = { now: Millis; events: ControlEvent[] };

export function startRun(w: Log, zoneId: string, z: ZoneState, rule: StartRule): void {
  z.run = { kind: runKindOf(rule), startedAt: w.now, litresAtStart: z.lastLitresTotal ?? 0 };
  z.waitingSince = null;
  // A new band watering (not the next cycle of one) starts at the low mark: a calibration point.
  if (rule === 'band-low' && !z.cycleDemand) markBandStart(z, z.moisture, w.now);
  // A watering the band starts goes on in cycles until the high mark (see `cycleDemand`).
  z.cycleDemand = rule === 'band-low';
  w.events.push({ type: 'water-started', at: w.now, zoneId, rule, moisture: z.moisture });
}

function runKindOf(rule: StartRule): RunState['kind'] {
  if (rule === 'manual') return 'manual';
  return rule === 'fallback-et' ? 'fallback' : 'auto';
}

/** The start rule an open run carries (for the records of open runs). */
function startRuleOf(run: RunState): StartRule {
  if (run.kind === 'manual') return 'manual';
  return run.kind === 'fallback' ? 'fallback-et' : 'band-low';
}

/** Litres a run has applied so far, by the zone meter. */
export function runLitres(run: RunState, litresTotal: number | null): number {
  return Math.max(0, (litresTotal ?? run.litresAtStart) - run.litresAtStart);
}

/**
 * Close the zone's run. The water it applied pays off the zone's ET debt (see `etcDebtLitres`)
 * and, for a fallback run, empties its fallback bucket by as much; the stop time starts the soak. Only a cycle cut short by its length ('max-run') or by the
 * shared pump ('preempted') leaves the watering's cycle demand latched: every other stop (the
 * high mark, the ET bound, a window, the farmer, safety, the budget) ends the watering.
 */
export function stopRun(w: Log, zoneId: string, z: ZoneState, rule: StopRule): void {
  const run = z.run;
  if (!run) return;
  const litres = runLitres(run, z.lastLitresTotal);
  w.events.push({
    type: 'water-stopped',
    at: w.now,
    zoneId,
    rule,
    litres,
    startedAt: run.startedAt,
    moisture: z.moisture,
  });
  z.run = null;
  z.lastStopAt = w.now;
  if (rule !== 'max-run' && rule !== 'preempted') z.cycleDemand = false;
  z.etcDebtLitres = Math.max(0, z.etcDebtLitres - litres);
  // Unclamped: the few litres a fallback cycle gives past an empty bucket (the meter is read once a
  // step) are the soil's, and the next cycle waits for them.
  if (run.kind === 'fallback' && z.sensorAlarm !== null) z.fallbackBucketLitres -= litres;
}

export function setMode(w: Log, zoneId: string, z: ZoneState, mode: ZoneMode, reason: string): void {
  if (sameMode(z.mode, mode)) return;
  z.mode = mode;
  w.events.push({ type: 'mode-changed', at: w.now, zoneId, mode, reason });
}

function sameMode(a: ZoneMode, b: ZoneMode): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind === 'auto' || a.kind === 'off' || a.until === (b as { until: Millis }).until;
}

/**
 * The open runs the bridge should persist (and refresh as litres grow), so that a crash still
 * ends each of them with a record at the next start.
 */
export function openRunRecords(state: ControlState): OpenRunRecord[] {
  const records: OpenRunRecord[] = [];
  for (const zoneId of Object.keys(state.zones)) {
    const z = state.zones[zoneId];
    if (!z?.run) continue;
    records.push({
      zoneId,
      rule: startRuleOf(z.run),
      startedAt: z.run.startedAt,
      litresAtStart: z.run.litresAtStart,
      litresLastSeen: z.lastLitresTotal ?? z.run.litresAtStart,
      lastSeenAt: state.now,
    });
  }
  return records;
}

/**
 * The record of a run the bridge did not close (crash, power cut), for its next start. `at` is
 * now, the first moment the valve is known closed (if only the program died, the board may have
 * held the valve open until now); `litres` is what was seen up to the last save, a lower bound.
 */
export function recoverInterrupted(run: OpenRunRecord, now: Millis): WaterStoppedEvent {
  return {
    type: 'water-stopped',
    at: now,
    zoneId: run.zoneId,
    rule: 'interrupted',
    litres: Math.max(0, run.litresLastSeen - run.litresAtStart),
    startedAt: run.startedAt,
    moisture: null,
  };
}
