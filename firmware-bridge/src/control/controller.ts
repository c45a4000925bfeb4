// The irrigation control core: `step` turns (state, readings, commands, time) into (state, relay
// outputs, events). Pure and deterministic: no clock, no randomness, no I/O; the bridge, the tests
// and the season benchmark drive it with their own time.
//
// One step, in order:
//   1. readings: meters and the daily budget, ET debt, sensor alarms, the ET calibration and the
//      fallback ET bucket,
//      no-flow and budget alarms; leak (flow with every valve closed, or the main meter out of
//      balance with the zone meters)
//   2. commands (validated; may close runs and change modes)
//   3. stops: pause expiry, then each open run against safety, budget and its mode's rules
//   4. starts: zones that want water, through the shared-pump queue
//   5. outputs: a valve per zone; pump and master valve only while a valve is open

import { checkBudget, accountLitres } from './budget.ts';
import { applyCommands } from './commands.ts';
import {
  currentEt0,
  etcLitres,
  extraterrestrialRadiation,
  radiationAsEvaporation,
  sunWeight,
  trackTemperature,
} from './et.ts';
import { byQueueOrder, capacity, type Candidate } from './pump.ts';
import { setMode, startRun, stopRun } from './runs.ts';
import { NO_CALIBRATION, trackCalibration } from './calibration.ts';
import { trackFallbackBucket } from './fallback.ts';
import { checkLeak, checkLeakBalance, checkNoFlow, checkSensor } from './safety.ts';
import { blockedBy, releaseCycleDemand, startRuleFor, stopRuleFor, type RuleContext } from './schedule.ts';
import { dayOfYear, localDay, localMinuteOfDay } from './time.ts';
import type {
  ControlConfig,
  ControlState,
  Inputs,
  Millis,
  Outputs,
  SiteState,
  StepResult,
  ZoneProfile,
  ZoneSettings,
  ZoneState,
} from './types.ts';
import { zoneOf, type Work } from './work.ts';

const HOUR_MS = 3_600_000;
/** Day number of a state that has not stepped yet: the first step starts a new day. */
const NO_DAY = -1;

function newZoneState(now: Millis): ZoneState {
  return {
    mode: { kind: 'auto' },
    run: null,
    lastStopAt: null,
    waitingSince: null,
    sensorAlarm: null,
    lastRaw: null,
    rawSince: now,
    noFlow: false,
    lowFlowSince: null,
    dayLitres: 0,
    lastLitresTotal: null,
    budgetReached: false,
    etcDebtLitres: 0,
    cycleDemand: false,
    fallbackBucketLitres: 0,
    etCalibration: NO_CALIBRATION,
    markEtcLitres: 0,
    markLitres: 0,
    moisture: null,
  };
}

function newSiteState(now: Millis): SiteState {
  return {
    leak: false,
    leakAcked: false,
    leakFlowSince: null,
    balanceSince: null,
    drySince: null,
    // Valves are closed at start-up, so flow from now on (after the settle time) is a leak.
    allClosedSince: now,
    temperatures: { tMin: null, tMax: null, prevTMin: null, prevTMax: null },
    raDay: NO_DAY,
    raMm: 0,
  };
}

/**
 * The state at start-up: every valve closed, every zone in auto. Settings are not needed yet
 * (they only matter to `step`, which reads them every time, so shadow updates apply at once);
 * the parameter keeps the bridge's call shape stable should a setting ever seed the state.
 */
export function initialState(zones: ZoneProfile[], _settings: Record<string, ZoneSettings>, now: Millis): ControlState {
  const states: Record<string, ZoneState> = {};
  for (const profile of zones) states[profile.id] = newZoneState(now);
  return { now, day: NO_DAY, zones: states, site: newSiteState(now) };
}

export function step(state: ControlState, inputs: Inputs, config: ControlConfig): StepResult {
  const { limits } = config;
  const now = inputs.now;
  const day = localDay(now, limits.utcOffsetMinutes);
  const newDay = day !== state.day;
  const w: Work = {
    now,
    config,
    zones: {},
    site: { ...state.site },
    events: [],
    minuteOfDay: localMinuteOfDay(now, limits.utcOffsetMinutes),
  };

  // Site weather → ET0 for this step. Ra changes once a day, so it is kept in the state.
  w.site.temperatures = trackTemperature(state.site.temperatures, inputs.site.temperature, newDay);
  if (w.site.raDay !== day) {
    w.site.raDay = day;
    w.site.raMm = radiationAsEvaporation(extraterrestrialRadiation(config.latitude, dayOfYear(day)));
  }
  const et0 = currentEt0(w.site.temperatures, w.site.raMm);
  // Time running backwards (a clock correction) adds no crop water use.
  const hours = Math.max(0, now - state.now) / HOUR_MS;
  // The same use spread over the day by the sun (at the step's middle), for fallback watering and
  // its calibration; the ET bound keeps the flat spread it was tuned with.
  const midHour = localMinuteOfDay(now - (hours * HOUR_MS) / 2, limits.utcOffsetMinutes) / 60;
  const sunHours = hours * sunWeight(config.latitude, dayOfYear(day), midHour);

  // 1. Readings.
  let maxFlow = inputs.site.mainFlowLpm ?? 0;
  let zonesFlow = 0;
  for (const profile of config.zones) {
    const id = profile.id;
    const z: ZoneState = { ...(state.zones[id] ?? newZoneState(now)) };
    w.zones[id] = z;
    const r = inputs.zones[id];
    z.moisture = r ? r.moisture : null;
    const litres = accountLitres(z, r?.litresTotal, newDay);
    z.etcDebtLitres += etcLitres(et0, profile.cropCoefficient, profile.areaM2, hours);
    const etcNow = etcLitres(et0, profile.cropCoefficient, profile.areaM2, sunHours);
    checkSensor(w, id, z, r);
    trackCalibration(z, etcNow, litres);
    trackFallbackBucket(z, profile, config.settings[id], etcNow, limits);
    const flow = r?.flowLpm ?? 0;
    if (flow > maxFlow) maxFlow = flow;
    zonesFlow += flow;
    checkNoFlow(w, id, z, profile, flow);
    checkBudget(w, id, z, config.settings[id]);
  }
  const dropped = closeDroppedZones(state, w, inputs);
  checkLeak(w, maxFlow);
  checkLeakBalance(w, inputs.site.mainFlowLpm, zonesFlow);

  // 2. Commands.
  applyCommands(w, inputs.commands);

  // 3. Stops.
  const ctx: RuleContext = { now, limits, minuteOfDay: w.minuteOfDay, leak: w.site.leak };
  for (const profile of config.zones) stopPhase(w, profile, ctx);

  // 4. Starts.
  startPhase(w, ctx);

  // 5. Outputs.
  const outputs = outputsOf(w, dropped);
  w.site.allClosedSince = outputs.pump ? null : (w.site.allClosedSince ?? now);
  return { state: { now, day, zones: w.zones, site: w.site }, outputs, events: w.events };
}

function stopPhase(w: Work, profile: ZoneProfile, ctx: RuleContext): void {
  const id = profile.id;
  const z = zoneOf(w, id);
  const settings = w.config.settings[id];
  if (z.mode.kind === 'paused' && w.now >= z.mode.until) setMode(w, id, z, { kind: 'auto' }, 'pause ended');
  const rule = stopRuleFor(z, profile, settings, ctx);
  if (rule !== null) stopRun(w, id, z, rule);
  releaseCycleDemand(z, settings, ctx);
  if (z.mode.kind !== 'manual') return;
  // A manual run ends for good on expiry, a fault or the budget (open or still waiting for the
  // pump); it never resumes by itself when the fault clears: the farmer asks again.
  if (w.now >= z.mode.until) {
    setMode(w, id, z, { kind: 'auto' }, 'manual run ended');
    return;
  }
  const blocked = blockedBy(z, settings, ctx.leak);
  if (blocked !== null) setMode(w, id, z, { kind: 'auto' }, `manual run ended: ${blocked}`);
}

function startPhase(w: Work, ctx: RuleContext): void {
  const zones = w.config.zones;
  const limit = capacity(w.config.limits.maxOpenZones);
  let open = 0;
  let queue: Candidate[] | null = null;
  for (let order = 0; order < zones.length; order++) {
    const id = (zones[order] as ZoneProfile).id;
    const z = zoneOf(w, id);
    if (z.run) {
      open++;
      continue;
    }
    const rule = startRuleFor(z, zones[order] as ZoneProfile, w.config.settings[id], ctx);
    if (rule === null) {
      z.waitingSince = null;
      continue;
    }
    z.waitingSince ??= w.now;
    (queue ??= []).push({ zoneId: id, rule, waitingSince: z.waitingSince, lastStopAt: z.lastStopAt, order });
  }
  if (queue === null) return;
  if (queue.length > 1) queue.sort(byQueueOrder);
  for (const c of queue) {
    const z = zoneOf(w, c.zoneId);
    if (open < limit) {
      startRun(w, c.zoneId, z, c.rule);
      open++;
      continue;
    }
    if (c.rule !== 'manual') continue;
    const victim = longestAutomaticRun(w);
    if (victim === null) continue;
    stopRun(w, victim, zoneOf(w, victim), 'preempted');
    startRun(w, c.zoneId, z, 'manual');
  }
}

/** The automatic (band or fallback) run open longest (first in zone order on a tie), or null when none is open. */
function longestAutomaticRun(w: Work): string | null {
  let best: string | null = null;
  let bestStart = Number.POSITIVE_INFINITY;
  for (const profile of w.config.zones) {
    const run = zoneOf(w, profile.id).run;
    if (run && run.kind !== 'manual' && run.startedAt < bestStart) {
      best = profile.id;
      bestStart = run.startedAt;
    }
  }
  return best;
}

/**
 * Zones removed from the configuration while open are closed ('off') and dropped from the state;
 * returns their ids so this step's outputs still command their valves closed.
 */
function closeDroppedZones(state: ControlState, w: Work, inputs: Inputs): string[] | null {
  let dropped: string[] | null = null;
  for (const id in state.zones) {
    if (Object.hasOwn(w.zones, id)) continue;
    const old = state.zones[id];
    if (!old?.run) continue;
    const z: ZoneState = { ...old, lastLitresTotal: inputs.zones[id]?.litresTotal ?? old.lastLitresTotal };
    stopRun(w, id, z, 'off');
    (dropped ??= []).push(id);
  }
  return dropped;
}

function outputsOf(w: Work, dropped: string[] | null): Outputs {
  const valves: Record<string, boolean> = {};
  let anyOpen = false;
  for (const profile of w.config.zones) {
    const open = zoneOf(w, profile.id).run !== null;
    valves[profile.id] = open;
    if (open) anyOpen = true;
  }
  if (dropped !== null) for (const id of dropped) valves[id] = false;
  // The pump never runs against closed valves; the master valve stays shut while a leak is latched.
  return { valves, pump: anyOpen, masterValve: anyOpen && !w.site.leak };
}

/**
 * Orderly shutdown: every valve, the pump and the master valve closed, and a 'shutdown' stop for
 * each open run (litres from the last meter total seen).
 */
export function shutdown(state: ControlState, now: Millis): StepResult {
  const log = { now, events: [] as StepResult['events'] };
  const zones: Record<string, ZoneState> = {};
  const valves: Record<string, boolean> = {};
  for (const id of Object.keys(state.zones)) {
    const old = state.zones[id];
    if (!old) continue;
    const z: ZoneState = { ...old };
    stopRun(log, id, z, 'shutdown');
    zones[id] = z;
    valves[id] = false;
  }
  return {
    state: { ...state, now, zones, site: { ...state.site, allClosedSince: state.site.allClosedSince ?? now } },
    outputs: { valves, pump: false, masterValve: false },
    events: log.events,
  };
}
