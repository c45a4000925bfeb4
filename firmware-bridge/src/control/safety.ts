// Safety rules: they decide above every mode. A zone with a bad moisture reading or no flow is
// closed; flow with every valve closed shuts the master valve. Evaluated first in each step, so
// no command or schedule can open what they hold shut.

import { clear, fmt, minutes, raise } from './alarms.ts';
import type { ControlLimits, Millis, SensorAlarm, SiteState, ZoneProfile, ZoneReadings, ZoneState } from './types.ts';
import type { Work } from './work.ts';

/**
 * The sensor alarm a reading deserves, most basic cause first: no fresh sample (stale), then a
 * value no soil can have (out of range), then a raw value frozen for `stuckAfterMs` (stuck).
 * `rawSince` is when the current raw value was first seen (see `trackRaw`).
 */
export function sensorAlarmOf(
  r: ZoneReadings | undefined,
  rawSince: Millis,
  now: Millis,
  limits: ControlLimits,
): SensorAlarm | null {
  if (!r || r.moisture === null || !Number.isFinite(r.moisture) || now - r.moistureAt > limits.staleAfterMs) {
    return 'sensor-stale';
  }
  if (r.moisture < limits.moistureMin || r.moisture > limits.moistureMax) return 'sensor-out-of-range';
  // No raw value (a digital sensor) leaves nothing to compare: the stuck rule cannot apply.
  if (r.moistureRaw !== null && now - rawSince >= limits.stuckAfterMs) return 'sensor-stuck';
  return null;
}

/**
 * Stuck-sensor tracking: whenever the raw value changes, remember it and when it was sampled. A
 * stale or missing sample resets the tracking, so a sensor that comes back is judged afresh
 * rather than "stuck" for the time it was unplugged.
 */
export function trackRaw(z: ZoneState, r: ZoneReadings | undefined, now: Millis, limits: ControlLimits): void {
  const fresh = r !== undefined && r.moisture !== null && now - r.moistureAt <= limits.staleAfterMs;
  if (!fresh || r.moistureRaw === null) {
    z.lastRaw = null;
    z.rawSince = now;
  } else if (r.moistureRaw !== z.lastRaw) {
    z.lastRaw = r.moistureRaw;
    z.rawSince = r.moistureAt;
  }
}

/** Update the zone's sensor alarm from this step's reading, logging raise and clear. */
export function checkSensor(w: Work, zoneId: string, z: ZoneState, r: ZoneReadings | undefined): void {
  const limits = w.config.limits;
  trackRaw(z, r, w.now, limits);
  const alarm = sensorAlarmOf(r, z.rawSince, w.now, limits);
  if (alarm === z.sensorAlarm) return;
  if (z.sensorAlarm !== null) clear(w, zoneId, z.sensorAlarm);
  if (alarm !== null) raise(w, zoneId, alarm, sensorMessage(alarm, r, w.now, limits));
  z.sensorAlarm = alarm;
}

function sensorMessage(alarm: SensorAlarm, r: ZoneReadings | undefined, now: Millis, limits: ControlLimits): string {
  if (alarm === 'sensor-stale') {
    return !r || r.moisture === null
      ? 'no moisture reading'
      : `no moisture sample for ${now - r.moistureAt} ms (limit ${limits.staleAfterMs} ms)`;
  }
  if (alarm === 'sensor-out-of-range') {
    return `moisture ${fmt(r?.moisture ?? NaN)} % outside ${limits.moistureMin}..${limits.moistureMax} %`;
  }
  return `raw moisture ${r?.moistureRaw ?? '?'} unchanged for ${minutes(limits.stuckAfterMs)}`;
}

/**
 * No flow: the valve has been open past the grace time and the zone meter has shown less than
 * `noFlowRatio` of the commissioned flow for `noFlowConfirmMs` without a break (counted from when
 * it went low, grace or not). A zone commissioned without a nominal flow has no meter to judge by
 * and is never flagged.
 */
export function isNoFlow(z: ZoneState, now: Millis, limits: ControlLimits): boolean {
  if (!z.run || z.lowFlowSince === null) return false;
  return now - z.run.startedAt >= limits.flowGraceMs && now - z.lowFlowSince >= limits.noFlowConfirmMs;
}

/** Track low flow, and latch the zone's no-flow alarm when the rule holds; the zone closes in the stop phase. */
export function checkNoFlow(w: Work, zoneId: string, z: ZoneState, profile: ZoneProfile, flowLpm: number): void {
  const limits = w.config.limits;
  const expected = limits.noFlowRatio * profile.nominalFlowLpm;
  const low = z.run !== null && profile.nominalFlowLpm > 0 && flowLpm < expected;
  z.lowFlowSince = low ? (z.lowFlowSince ?? w.now) : null;
  if (z.noFlow || !isNoFlow(z, w.now, limits)) return;
  z.noFlow = true;
  raise(
    w,
    zoneId,
    'no-flow',
    `flow ${fmt(flowLpm)} L/min, expected at least ${fmt(expected)}: dry pump or blocked line`,
  );
}

/**
 * Leak detection and release. `maxFlow` is the highest of the main meter and every zone meter.
 * Flow counts only once every valve has been closed for `flowSettleMs` (the line draining and the
 * meters' averages decaying are not leaks) and latches after `leakConfirmMs` of it. A latched leak
 * records how long the line has been dry; it releases in `releaseLeak` once acknowledged too.
 */
export function checkLeak(w: Work, maxFlow: number): void {
  const site = w.site;
  const limits = w.config.limits;
  const flowing = maxFlow > limits.leakFlowLpm;
  if (site.leak) {
    site.drySince = flowing ? null : (site.drySince ?? w.now);
    releaseLeak(w);
    return;
  }
  const settled = site.allClosedSince !== null && w.now - site.allClosedSince >= limits.flowSettleMs;
  site.leakFlowSince = settled && flowing ? (site.leakFlowSince ?? w.now) : null;
  if (site.leakFlowSince !== null && w.now - site.leakFlowSince >= limits.leakConfirmMs) {
    latchLeak(w, `flow ${fmt(maxFlow)} L/min with every valve closed: master valve shut`);
  }
}

/**
 * Leak balance, for the time valves are open (the rule above sees only closed valves): water
 * through the main meter that no zone meter counts went out between them. The main meter reading
 * more than the zone meters together by `leakBalanceLpm` + `leakBalanceRatio` × their sum (meter
 * steps and calibration) for `leakBalanceConfirmMs` without a break (valves opening and closing)
 * latches the same leak. Without a main meter (`mainLpm` null) there is nothing to balance. With
 * every valve closed the zones' sum is 0 and the closed-valve rule, far quicker, latches first.
 */
export function checkLeakBalance(w: Work, mainLpm: number | null, zonesLpm: number): void {
  const site = w.site;
  const limits = w.config.limits;
  if (site.leak || mainLpm === null || !Number.isFinite(mainLpm)) {
    site.balanceSince = null;
    return;
  }
  const unaccounted = mainLpm - zonesLpm;
  const over = unaccounted > limits.leakBalanceLpm + limits.leakBalanceRatio * zonesLpm;
  site.balanceSince = over ? (site.balanceSince ?? w.now) : null;
  if (site.balanceSince === null || w.now - site.balanceSince < limits.leakBalanceConfirmMs) return;
  latchLeak(
    w,
    `main meter ${fmt(mainLpm)} L/min, zone meters ${fmt(zonesLpm)} L/min: ` +
      `${fmt(unaccounted)} L/min unaccounted for, master valve shut`,
  );
}

function latchLeak(w: Work, message: string): void {
  const site = w.site;
  site.leak = true;
  site.leakAcked = false;
  site.leakFlowSince = null;
  site.balanceSince = null;
  site.drySince = null;
  raise(w, null, 'leak', message);
}

/** A latched leak releases only when acknowledged AND the line has been dry for `leakConfirmMs`. */
export function releaseLeak(w: Work): void {
  const site: SiteState = w.site;
  if (!site.leak || !site.leakAcked || site.drySince === null) return;
  if (w.now - site.drySince < w.config.limits.leakConfirmMs) return;
  site.leak = false;
  site.leakAcked = false;
  site.drySince = null;
  clear(w, null, 'leak');
}
