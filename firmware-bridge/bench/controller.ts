// The season under the real controller: every TICK_MS of simulated time the greenhouse moves on
// with the relays the last step set, the sensors are read (calibrated moisture, meters, air) and
// `step` from src/control decides, exactly as the bridge's loop will. It runs from the spin-up's
// first day; only 1 May on is counted. Only `step` is timed. With a `SensorDeath` one zone's
// moisture sensor is unplugged at that instant and never comes back (fallback watering).

import { DEFAULT_LIMITS, initialState, step } from '../src/control/index.ts';
import type { ControlConfig, ControlEvent, Inputs, Outputs, ZoneReadings } from '../src/control/index.ts';
import { advance, createGreenhouse, cropCoefficientAt, readings, setFault } from '../src/sim/index.ts';
import { finish, open, sample, tracker, type ZoneStats } from './metrics.ts';
import { DAY, END, LATITUDE, START, TICK_MS, greenhouseSpec, plantedOn, profileOf, settingsOf } from './scenario.ts';

export type ControllerSeason = {
  stats: ZoneStats[];
  /** Nanoseconds per `step` call, one entry per tick, spin-up included (a step never takes 4 s). */
  stepNs: Uint32Array;
  /** From 1 May on. */
  events: { starts: Record<string, number>; alarms: ControlEvent[]; stopRules: Record<string, number> };
  /** The dead sensor's zone while its sensor alarm stood (fallback watering); null without a death. */
  fallback: FallbackTotals | null;
};

/** A zone's moisture sensor unplugged (no samples: 'sensor-stale') at `at`, for good. */
export type SensorDeath = { zoneId: string; at: number };

/**
 * The dead sensor's zone over the ticks that began with its sensor alarm standing, from the
 * model's truth: time, time below θt, litres applied, potential ETc (the need); and its runs.
 */
export type FallbackTotals = {
  ms: number;
  stressMs: number;
  appliedLitres: number;
  etcLitres: number;
  /** Runs started with 'fallback-et', and how they stopped. */
  starts: number;
  stopRules: Record<string, number>;
  /** A fallback run is open (between its start and stop events). */
  runOpen: boolean;
};

type Greenhouse = ReturnType<typeof createGreenhouse>;

export function controllerSeason(spinUpDays: number, death: SensorDeath | null = null): ControllerSeason {
  const gh = createGreenhouse(greenhouseSpec(spinUpDays));
  const dying = death ? gh.zones.find((z) => z.spec.id === death.zoneId) : undefined;
  if (death && !dying) throw new Error(`bench: no zone ${death.zoneId}`);
  const fallback: FallbackTotals | null = death
    ? { ms: 0, stressMs: 0, appliedLitres: 0, etcLitres: 0, starts: 0, stopRules: {}, runOpen: false }
    : null;
  const t = tracker();
  let day = dayOf(gh.now);
  let config = configFor(gh, day);
  let state = initialState(config.zones, config.settings, gh.now);
  let outputs: Outputs = { valves: {}, pump: false, masterValve: false };
  const ticks = Math.round((END - gh.now) / TICK_MS);
  const stepNs = new Uint32Array(ticks);
  const starts: Record<string, number> = {};
  const stopRules: Record<string, number> = {};
  const alarms: ControlEvent[] = [];

  for (let i = 0; i < ticks; i++) {
    if (gh.now === START) open(t, gh);
    if (death && gh.now === death.at)
      setFault(gh, { kind: 'sensor-unplugged', zoneId: death.zoneId, reads: 'nothing' });
    // In fallback for this tick: the alarm stood after the last step (its outputs drive this one).
    const inFallback = dying !== undefined && state.zones[dying.spec.id]?.sensorAlarm != null;
    const before = inFallback && dying ? { ...dying.soil } : null;
    advance(gh, TICK_MS, outputs);
    sample(t, gh, TICK_MS);
    if (fallback && before && dying) {
      const area = dying.spec.areaM2;
      fallback.ms += TICK_MS;
      fallback.stressMs += dying.soil.stressMs - before.stressMs;
      fallback.appliedLitres += (dying.soil.appliedMm - before.appliedMm) * area;
      fallback.etcLitres += (dying.soil.potentialEtcMm - before.potentialEtcMm) * area;
    }
    // The farmer moves Kc along the crop's curve once a day (it only bounds a cycle's litres),
    // and sets a zone up on the day it is planted.
    const today = dayOf(gh.now);
    if (today !== day) {
      day = today;
      config = configFor(gh, day);
    }
    const inputs = inputsOf(gh);
    const stepStart = process.hrtime.bigint();
    const result = step(state, inputs, config);
    stepNs[i] = Number(process.hrtime.bigint() - stepStart);
    state = result.state;
    outputs = result.outputs;
    if (fallback && death) countFallbackRuns(fallback, result.events, death.zoneId);
    if (gh.now <= START) continue;
    for (const e of result.events) {
      if (e.type === 'water-started') starts[e.zoneId] = (starts[e.zoneId] ?? 0) + 1;
      else if (e.type === 'water-stopped') stopRules[e.rule] = (stopRules[e.rule] ?? 0) + 1;
      else if (e.type === 'alarm-raised') alarms.push(e);
    }
  }
  return { stats: finish(t, gh), stepNs, events: { starts, alarms, stopRules }, fallback };
}

/** The dead sensor's zone's runs: fallback-et starts, and the stops of those runs by rule. */
function countFallbackRuns(f: FallbackTotals, events: ControlEvent[], zoneId: string): void {
  for (const e of events) {
    if (e.type === 'water-started' && e.zoneId === zoneId) {
      f.runOpen = e.rule === 'fallback-et';
      if (f.runOpen) f.starts++;
    } else if (e.type === 'water-stopped' && e.zoneId === zoneId && f.runOpen) {
      f.stopRules[e.rule] = (f.stopRules[e.rule] ?? 0) + 1;
      f.runOpen = false;
    }
  }
}

/** Local day of an instant, 0 = 1 May (negative in the spin-up). */
const dayOf = (t: number) => Math.floor((t - START) / DAY);

/** At the start of local day `day`: zones not yet planted have no settings (the core never opens them) and Kc 0. */
function configFor(gh: Greenhouse, day: number): ControlConfig {
  const planted = gh.zones.filter((z) => plantedOn(z.spec, day));
  return {
    zones: gh.zones.map((z) => profileOf(z.spec, cropCoefficientAt(gh, z, gh.now))),
    settings: Object.fromEntries(planted.map((z) => [z.spec.id, settingsOf(z.spec)])),
    limits: DEFAULT_LIMITS,
    latitude: LATITUDE,
  };
}

/** The sensors as the bridge's adapters would hand them to the core. */
function inputsOf(gh: Greenhouse): Inputs {
  const r = readings(gh);
  const zones: Record<string, ZoneReadings> = {};
  for (const id in r.zones) {
    const z = r.zones[id];
    if (!z) continue;
    zones[id] = {
      moisture: z.moisture,
      moistureRaw: z.moistureRaw,
      moistureAt: z.moistureAt,
      flowLpm: z.flowLpm,
      litresTotal: z.litresTotal,
    };
  }
  return {
    now: r.now,
    zones,
    site: { mainFlowLpm: r.mainFlowLpm, temperature: r.temperature, humidity: r.humidity },
    commands: [],
  };
}
