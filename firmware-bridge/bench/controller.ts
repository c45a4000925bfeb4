// The season under the real controller: every TICK_MS of simulated time the greenhouse moves on
// with the relays the last step set, the sensors are read (calibrated moisture, meters, air) and
// `step` from src/control decides, exactly as the bridge's loop will. It runs from the spin-up's
// first day; only 1 May on is counted. Only `step` is timed.

import { DEFAULT_LIMITS, initialState, step } from '../src/control/index.ts';
import type { ControlConfig, ControlEvent, Inputs, Outputs, ZoneReadings } from '../src/control/index.ts';
import { advance, createGreenhouse, cropCoefficientAt, readings } from '../src/sim/index.ts';
import { finish, open, sample, tracker, type ZoneStats } from './metrics.ts';
import { DAY, END, LATITUDE, START, TICK_MS, greenhouseSpec, plantedOn, profileOf, settingsOf } from './scenario.ts';

export type ControllerSeason = {
  stats: ZoneStats[];
  /** Nanoseconds per `step` call, one entry per tick, spin-up included (a step never takes 4 s). */
  stepNs: Uint32Array;
  /** From 1 May on. */
  events: { starts: Record<string, number>; alarms: ControlEvent[]; stopRules: Record<string, number> };
};

type Greenhouse = ReturnType<typeof createGreenhouse>;

export function controllerSeason(spinUpDays: number): ControllerSeason {
  const gh = createGreenhouse(greenhouseSpec(spinUpDays));
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
    advance(gh, TICK_MS, outputs);
    sample(t, gh, TICK_MS);
    // The farmer moves Kc along the crop's curve once a day (it only bounds a cycle's litres),
    // and sets a zone up on the day it is planted.
    const today = dayOf(gh.now);
    if (today !== day) {
      day = today;
      config = configFor(gh, day);
    }
    const inputs = inputsOf(gh);
    const before = process.hrtime.bigint();
    const result = step(state, inputs, config);
    stepNs[i] = Number(process.hrtime.bigint() - before);
    state = result.state;
    outputs = result.outputs;
    if (gh.now <= START) continue;
    for (const e of result.events) {
      if (e.type === 'water-started') starts[e.zoneId] = (starts[e.zoneId] ?? 0) + 1;
      else if (e.type === 'water-stopped') stopRules[e.rule] = (stopRules[e.rule] ?? 0) + 1;
      else if (e.type === 'alarm-raised') alarms.push(e);
    }
  }
  return { stats: finish(t, gh), stepNs, events: { starts, alarms, stopRules } };
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
