// Test support: a tiny simulated greenhouse that drives `step` through simulated time. No sleeps
// and no real clock: each `tick` moves time forward, lets water flow through the valves the last
// step opened, samples the sensors and calls `step` once.

import { step, initialState } from './controller.ts';
import { DEFAULT_LIMITS } from './defaults.ts';
import type {
  ControlConfig,
  ControlEvent,
  ControlLimits,
  ControlState,
  Millis,
  Outputs,
  ZoneCommand,
  ZoneProfile,
  ZoneReadings,
  ZoneSettings,
} from './types.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** 2025-06-01 06:00 local time in Vietnam (UTC+7). */
export const T0: Millis = Date.UTC(2025, 5, 1, 6 - 7, 0);

/** Local wall-clock time on T0's day (or later days) → epoch ms, for the default +07:00. */
export function local(hh: number, mm = 0, dayOffset = 0): Millis {
  return Date.UTC(2025, 5, 1 + dayOffset, hh - 7, mm);
}

export function profile(id: string, over: Partial<ZoneProfile> = {}): ZoneProfile {
  return { id, areaM2: 20, cropCoefficient: 1.0, nominalFlowLpm: 10, ...over };
}

export function settingsFor(over: Partial<ZoneSettings> = {}): ZoneSettings {
  return {
    moistureLow: 25,
    moistureHigh: 35,
    maxRunMinutes: 30,
    minSoakMinutes: 20,
    dailyBudgetLitres: 1000,
    windows: [],
    ...over,
  };
}

/** One zone's physical world, which tests change freely between ticks. */
export type SimZone = {
  moisture: number | null;
  /** % VWC gained per minute while the valve is open, and lost per minute always. */
  risePerMinute: number;
  dryPerMinute: number;
  /** When set, the loss per minute at each tick instead (a crop that draws with the sun). */
  dryPerMinuteAt: ((now: Millis) => number) | null;
  /** Multiplier on nominal flow while open: 0 = blocked line or dry pump. */
  flowFactor: number;
  /** L/min through the zone meter whatever the valve (a valve that does not seal). */
  seepLpm: number;
  litresTotal: number;
  /** False: the sensor stops sampling (moistureAt stays at its last sample). */
  sensorAlive: boolean;
  /** True: the raw value freezes (a hung ADC); otherwise it jitters by one bit every sample. */
  rawFrozen: boolean;
  moistureAt: Millis;
  raw: number | null;
};

export type SimOptions = {
  zones?: ZoneProfile[];
  settings?: Record<string, Partial<ZoneSettings>>;
  limits?: Partial<ControlLimits>;
  start?: Millis;
  temperature?: number | null;
};

export type Sim = ReturnType<typeof makeSim>;

export function makeSim(options: SimOptions = {}) {
  const zones = options.zones ?? [profile('a')];
  const settings: Record<string, ZoneSettings> = {};
  for (const z of zones) settings[z.id] = settingsFor(options.settings?.[z.id]);
  const config: ControlConfig = {
    zones,
    settings,
    limits: { ...DEFAULT_LIMITS, maxOpenZones: 0, ...options.limits },
    latitude: 21.0, // Hanoi
  };
  const start = options.start ?? T0;
  const world = {
    zones: {} as Record<string, SimZone>,
    /** Extra L/min on the main meter only (a burst pipe before the zone valves). */
    mainLeakLpm: 0,
    hasMainMeter: true,
    /** The main meter's reading = true flow × scale ± up to `jitterLpm` (calibration, pulse steps), 0 at rest. */
    mainMeterScale: 1,
    mainMeterJitterLpm: 0,
    temperature: options.temperature === undefined ? 28 : options.temperature,
    /** When set, the air temperature at each tick (a daily cycle); otherwise `temperature`. */
    temperatureAt: null as ((now: Millis) => number) | null,
  };
  const jitter = prng(7);
  for (const z of zones) {
    world.zones[z.id] = {
      moisture: 30,
      risePerMinute: 0,
      dryPerMinute: 0,
      dryPerMinuteAt: null,
      flowFactor: 1,
      seepLpm: 0,
      litresTotal: 0,
      sensorAlive: true,
      rawFrozen: false,
      moistureAt: start,
      raw: 300,
    };
  }
  let now = start;
  let state: ControlState = initialState(zones, settings, start);
  let outputs: Outputs = { valves: {}, pump: false, masterValve: false };
  const events: ControlEvent[] = [];
  let sample = 0;

  function flowOf(id: string): number {
    const z = world.zones[id] as SimZone;
    const profileFlow = zones.find((p) => p.id === id)?.nominalFlowLpm ?? 0;
    const open = outputs.valves[id] === true && outputs.pump;
    return (open ? profileFlow * z.flowFactor : 0) + z.seepLpm;
  }

  /** Advance `ms` of simulated time and step once, with these commands. */
  function tick(ms = 100, commands: ZoneCommand[] = []) {
    const minutes = ms / MINUTE;
    now += ms;
    sample++;
    const readings: Record<string, ZoneReadings> = {};
    let mainFlow = world.mainLeakLpm;
    for (const p of zones) {
      const z = world.zones[p.id] as SimZone;
      const flow = flowOf(p.id);
      mainFlow += flow;
      z.litresTotal += flow * minutes;
      if (z.moisture !== null) {
        const open = outputs.valves[p.id] === true;
        const dry = z.dryPerMinuteAt ? z.dryPerMinuteAt(now) : z.dryPerMinute;
        z.moisture += (open ? z.risePerMinute : 0) * minutes - dry * minutes;
      }
      if (z.sensorAlive) {
        z.moistureAt = now;
        if (!z.rawFrozen) z.raw = z.moisture === null ? null : Math.round(z.moisture * 10) + (sample % 2);
      }
      readings[p.id] = {
        moisture: z.moisture,
        moistureRaw: z.raw,
        moistureAt: z.moistureAt,
        flowLpm: flow,
        litresTotal: z.litresTotal,
      };
    }
    // A pulse meter at rest reads 0: the error rides on flow only.
    const mainReading =
      mainFlow > 0 ? mainFlow * world.mainMeterScale + world.mainMeterJitterLpm * (2 * jitter() - 1) : 0;
    if (world.temperatureAt) world.temperature = world.temperatureAt(now);
    const result = step(
      state,
      {
        now,
        zones: readings,
        site: {
          mainFlowLpm: world.hasMainMeter ? Math.max(0, mainReading) : null,
          temperature: world.temperature,
          humidity: 70,
        },
        commands,
      },
      config,
    );
    state = result.state;
    outputs = result.outputs;
    events.push(...result.events);
    return result;
  }

  /** Tick for `ms` in steps of `every`; stops early when `until` says so. Returns the events seen. */
  function run(ms: number, every = 100, until?: () => boolean): ControlEvent[] {
    const from = events.length;
    const end = now + ms;
    while (now < end) {
      tick(Math.min(every, end - now));
      if (until?.()) break;
    }
    return events.slice(from);
  }

  return {
    config,
    world,
    events,
    tick,
    run,
    command: (...commands: ZoneCommand[]) => tick(100, commands),
    zone: (id: string) => world.zones[id] as SimZone,
    get now() {
      return now;
    },
    get state() {
      return state;
    },
    get outputs() {
      return outputs;
    },
    isOpen: (id: string) => outputs.valves[id] === true,
  };
}

/**
 * A daily air temperature cycle for `world.temperatureAt`: `tMin` at 05:00 local, `tMax` at
 * 17:00 (+07:00), a cosine between. The core's Hargreaves ET0 then has a daily range to work on.
 */
export function dailyTemperature(tMin: number, tMax: number): (now: Millis) => number {
  return (now) => {
    const hour = (((now / HOUR + 7) % 24) + 24) % 24;
    return tMin + ((tMax - tMin) * (1 - Math.cos((2 * Math.PI * (hour - 5)) / 24))) / 2;
  };
}

/** The events of one type, narrowed. */
export function ofType<T extends ControlEvent['type']>(events: ControlEvent[], type: T) {
  return events.filter((e): e is Extract<ControlEvent, { type: T }> => e.type === type);
}

/** A tiny seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
