// Test support: a small two-zone greenhouse and relay shorthands.

import { advance, createGreenhouse } from './greenhouse.ts';
import type { GreenhouseSpec, GreenhouseState, SimOutputs, ZoneSim, ZoneSpec } from './types.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 1 May 2025, 00:00 in Vietnam (UTC+7). */
export const MAY_1 = Date.UTC(2025, 4, 1) - 7 * HOUR;

export function zoneSpec(id: string, over: Partial<ZoneSpec> = {}): ZoneSpec {
  return {
    id,
    crop: 'melon',
    cropDayAtStart: 0,
    areaM2: 100,
    soil: { texture: 'loam', fieldCapacity: 25, wiltingPoint: 12 },
    rootDepthM: 0.3,
    nominalFlowLpm: 5,
    pulsesPerLitre: 450,
    sensor: { rawDry: 800, rawWet: 330 },
    ...over,
  };
}

/** Zone "a" (5 L/min) and zone "b" (8 L/min) on a 12 L/min pump, from 1 May. */
export function greenhouse(over: Partial<GreenhouseSpec> = {}): GreenhouseState {
  return createGreenhouse({
    seed: 42,
    start: MAY_1,
    pumpCapacityLpm: 12,
    mainPulsesPerLitre: 100,
    zones: [zoneSpec('a'), zoneSpec('b', { nominalFlowLpm: 8 })],
    ...over,
  });
}

/** Relay outputs with these zones open (pump and master valve on when any is). */
export function open(...ids: string[]): SimOutputs {
  const valves: Record<string, boolean> = {};
  for (const id of ids) valves[id] = true;
  const any = ids.length > 0;
  return { valves, pump: any, masterValve: any };
}

export const ALL_CLOSED: SimOutputs = open();

/** Advance `ms` in steps of `every`, holding the outputs (the bridge's loop). */
export function run(state: GreenhouseState, ms: number, every: number, outputs: SimOutputs): void {
  for (let t = 0; t < ms; t += every) advance(state, Math.min(every, ms - t), outputs);
}

export function zone(state: GreenhouseState, id: string): ZoneSim {
  const z = state.zones.find((candidate) => candidate.spec.id === id);
  if (!z) throw new Error(`no zone ${id}`);
  return z;
}
