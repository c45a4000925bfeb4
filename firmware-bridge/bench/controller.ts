// The season under the real controller: every TICK_MS of simulated time the greenhouse moves on
// with the relays the last step set, the sensors are read (calibrated moisture, meters, air) and
// `step` from src/control decides, exactly as the bridge's loop will. Only `step` is timed.

import { DEFAULT_LIMITS, initialState, step } from '../src/control/index.ts';
import type { ControlConfig, ControlEvent, Inputs, Outputs, ZoneReadings } from '../src/control/index.ts';
import { advance, createGreenhouse, cropCoefficient, cropDayAt, readings } from '../src/sim/index.ts';
import { finish, sample, tracker, type ZoneStats } from './metrics.ts';
import { DAY, END, GREENHOUSE, LATITUDE, START, TICK_MS, ZONES, profileOf, settingsOf } from './scenario.ts';

export type ControllerSeason = {
  stats: ZoneStats[];
  /** Nanoseconds per `step` call, one entry per tick (a step never takes 4 s). */
  stepNs: Uint32Array;
  events: { starts: Record<string, number>; alarms: ControlEvent[]; stopRules: Record<string, number> };
};

export function controllerSeason(): ControllerSeason {
  const gh = createGreenhouse(GREENHOUSE);
  const t = tracker();
  const settings = Object.fromEntries(ZONES.map((z) => [z.id, settingsOf(z)]));
  let config = configFor(gh, START, settings);
  let state = initialState(config.zones, settings, START);
  let outputs: Outputs = { valves: {}, pump: false, masterValve: false };
  const ticks = Math.round((END - START) / TICK_MS);
  const stepNs = new Uint32Array(ticks);
  const starts: Record<string, number> = {};
  const stopRules: Record<string, number> = {};
  const alarms: ControlEvent[] = [];
  let day = 0;

  for (let i = 0; i < ticks; i++) {
    advance(gh, TICK_MS, outputs);
    sample(t, gh, TICK_MS);
    // The farmer moves Kc along the crop's curve once a day (it only bounds a cycle's litres).
    const today = Math.floor((gh.now - START) / DAY);
    if (today !== day) {
      day = today;
      config = configFor(gh, gh.now, settings);
    }
    const inputs = inputsOf(gh);
    const before = process.hrtime.bigint();
    const result = step(state, inputs, config);
    stepNs[i] = Number(process.hrtime.bigint() - before);
    state = result.state;
    outputs = result.outputs;
    for (const e of result.events) {
      if (e.type === 'water-started') starts[e.zoneId] = (starts[e.zoneId] ?? 0) + 1;
      else if (e.type === 'water-stopped') stopRules[e.rule] = (stopRules[e.rule] ?? 0) + 1;
      else if (e.type === 'alarm-raised') alarms.push(e);
    }
  }
  return { stats: finish(t, gh), stepNs, events: { starts, alarms, stopRules } };
}

function configFor(gh: ReturnType<typeof createGreenhouse>, now: number, settings: ControlConfig['settings']) {
  return {
    zones: gh.zones.map((z) => profileOf(z.spec, cropCoefficient(z.crop, cropDayAt(gh, z, now)))),
    settings,
    limits: DEFAULT_LIMITS,
    latitude: LATITUDE,
  } satisfies ControlConfig;
}

/** The sensors as the bridge's adapters would hand them to the core. */
function inputsOf(gh: ReturnType<typeof createGreenhouse>): Inputs {
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
