// The virtual greenhouse: weather, per-zone soil water, hydraulics and sensors, moved forward by
// `advance` and read by `readings`. Pure and deterministic: no clock, no I/O, randomness only
// from the seed. `advance` mutates the state in place (a season is millions of small steps).
//
// Time warp is the caller's business: call `advance` with whatever dt the wall clock or the
// benchmark wants. Calls longer than a minute are cut into minute sub-steps; each soil process is
// integrated exactly within a step (see soil.ts), so 10 ms and 60 s steps agree to < 0.001 % VWC.
// Relays are held for the whole call; sensors are sampled at its end when a sampling period
// (100 ms by default) has passed, as a board reporting its latest sample.

import { CROPS, cropCoefficient } from './crop.ts';
import { applyFlows, pulsesOf } from './hydraulics.ts';
import { rng, substream } from './random.ts';
import { moistureFromRaw, sampleHumidity, sampleRaw, sampleTemperature } from './sensors.ts';
import { newSoil, soilStep, stressThreshold } from './soil.ts';
import type { GreenhouseSpec, GreenhouseState, Millis, SimOutputs, ZoneSim, ZoneSpec } from './types.ts';
import { createWeather, et0RateAt, humidityAt, temperatureAt, weatherAt } from './weather.ts';

const DAY_MS = 86_400_000;
const MAX_SUBSTEP_MS = 60_000;
const DEFAULT_NET_HOUSE_ET_FACTOR = 0.8;
const DEFAULT_SAMPLE_MS = 100;

function newZone(spec: ZoneSpec, start: Millis): ZoneSim {
  const crop = CROPS[spec.crop];
  const soilParams = {
    fieldCapacity: spec.soil.fieldCapacity,
    wiltingPoint: spec.soil.wiltingPoint,
    rootDepthM: spec.rootDepthM,
    p: spec.p ?? crop.p,
    wettedFraction: spec.wettedFraction ?? 1,
  };
  return {
    spec,
    crop,
    soilParams,
    soil: newSoil(spec.initialMoisture ?? spec.soil.fieldCapacity),
    flowLpm: 0,
    litres: 0,
    raw: null,
    moistureAt: start,
    sensorFault: null,
    valveFault: null,
  };
}

export function createGreenhouse(spec: GreenhouseSpec): GreenhouseState {
  const spinUpDays = spec.spinUpDays ?? 0;
  if (!(Number.isInteger(spinUpDays) && spinUpDays >= 0)) {
    throw new Error('greenhouse: spinUpDays must be a whole number of days, 0 or more');
  }
  const now = spec.start - spinUpDays * DAY_MS;
  const ids = new Set<string>();
  for (const z of spec.zones) {
    if (ids.has(z.id)) throw new Error(`greenhouse: zone "${z.id}" given twice`);
    ids.add(z.id);
    const wetted = z.wettedFraction ?? 1;
    if (!(
      z.areaM2 > 0 &&
      z.rootDepthM > 0 &&
      z.soil.fieldCapacity > z.soil.wiltingPoint &&
      wetted > 0 &&
      wetted <= 1
    )) {
      throw new Error(
        `greenhouse: zone "${z.id}" needs area, root depth, wetted fraction in (0, 1] and field capacity above wilting point`,
      );
    }
    if (z.sensor.rawDry === z.sensor.rawWet) throw new Error(`greenhouse: zone "${z.id}" calibration points coincide`);
  }
  const state: GreenhouseState = {
    spec,
    now,
    weather: createWeather({
      seed: spec.seed,
      start: spec.start,
      latitude: spec.latitude,
      utcOffsetMinutes: spec.utcOffsetMinutes,
      leadInDays: spinUpDays,
    }),
    noise: rng(substream(spec.seed, 2)),
    zones: spec.zones.map((z) => newZone(z, now)),
    pumpDead: false,
    tankEmpty: false,
    leakLpm: 0,
    mainFlowLpm: 0,
    mainLitres: 0,
    temperature: 0,
    humidity: 0,
    airAt: now,
    nextSampleAt: now,
  };
  sample(state);
  return state;
}

/** Crop day (days since transplanting) of a zone at an instant. */
export function cropDayAt(state: GreenhouseState, z: ZoneSim, t: Millis): number {
  return z.spec.cropDayAtStart + (t - state.spec.start) / DAY_MS;
}

/** Kc of a zone at an instant: 0 before transplanting (a fallow bed under mulch, see `spinUpDays`). */
export function cropCoefficientAt(state: GreenhouseState, z: ZoneSim, t: Millis): number {
  const day = cropDayAt(state, z, t);
  return day < 0 ? 0 : cropCoefficient(z.crop, day);
}

/** Crop ET rate inside the net house for a zone, mm/h, without water stress. */
function etcRate(state: GreenhouseState, z: ZoneSim, t: Millis, et0Inside: number): number {
  return cropCoefficientAt(state, z, t) * et0Inside;
}

function subStep(state: GreenhouseState, dtMs: number): void {
  const mid = state.now + dtMs / 2;
  const et0Inside = et0RateAt(state.weather, mid) * (state.spec.netHouseEtFactor ?? DEFAULT_NET_HOUSE_ET_FACTOR);
  const minutes = dtMs / 60_000;
  for (const z of state.zones) {
    const litres = z.flowLpm * minutes;
    z.litres += litres;
    soilStep(z.soil, z.soilParams, dtMs, litres / z.spec.areaM2, etcRate(state, z, mid, et0Inside));
  }
  state.mainLitres += state.mainFlowLpm * minutes;
  state.now += dtMs;
}

/** Take a sensor sample now: each probe (unless it reports nothing), air temperature and humidity. */
function sample(state: GreenhouseState): void {
  for (const z of state.zones) {
    const raw = sampleRaw(z, state.noise);
    if (raw === undefined) continue;
    z.raw = raw;
    z.moistureAt = state.now;
  }
  state.temperature = sampleTemperature(temperatureAt(state.weather, state.now), state.noise);
  state.humidity = sampleHumidity(humidityAt(state.weather, state.now), state.noise);
  state.airAt = state.now;
  state.nextSampleAt = state.now + (state.spec.sensorSampleMs ?? DEFAULT_SAMPLE_MS);
}

/**
 * Move the greenhouse `dtMs` forward with these relay outputs held throughout, then sample the
 * sensors if a sampling period has passed (only the latest sample is visible, as on the board).
 */
export function advance(state: GreenhouseState, dtMs: number, outputs: SimOutputs): void {
  if (!(dtMs > 0)) return;
  applyFlows(state, outputs);
  let left = dtMs;
  while (left > 0) {
    const h = Math.min(left, MAX_SUBSTEP_MS);
    subStep(state, h);
    left -= h;
  }
  if (state.now >= state.nextSampleAt) sample(state);
}

/** What one zone's sensors show, and (for evaluation only) the truth behind them. */
export type ZoneReadingsView = {
  /** Raw 10-bit counts of the moisture probe; null before its first sample. */
  moistureRaw: number | null;
  /** Calibrated % VWC from the raw value (may be out of any soil's range when the probe fails). */
  moisture: number | null;
  /** When the probe was last sampled: it ages when the board gets nothing. */
  moistureAt: Millis;
  flowLpm: number;
  /** Zone meter pulses since start, and the litres they stand for. */
  pulses: number;
  litresTotal: number;
  /** Truth, never shown to the bridge: root-zone θ (% VWC) and whether the crop is water-stressed. */
  trueMoisture: number;
  stressed: boolean;
};

export type GreenhouseReadings = {
  now: Millis;
  zones: Record<string, ZoneReadingsView>;
  mainFlowLpm: number;
  mainPulses: number;
  mainLitresTotal: number;
  /** Last air sample, °C and % RH, and when it was taken. */
  temperature: number;
  humidity: number;
  airAt: Millis;
};

/** What the sensors show now (the last samples and the meters), plus each zone's true θ and stress flag. */
export function readings(state: GreenhouseState): GreenhouseReadings {
  const zones: Record<string, ZoneReadingsView> = {};
  for (const z of state.zones) {
    const ppl = z.spec.pulsesPerLitre;
    const pulses = pulsesOf(z.litres, ppl);
    zones[z.spec.id] = {
      moistureRaw: z.raw,
      moisture: z.raw === null ? null : moistureFromRaw(z.spec.sensor, z.raw),
      moistureAt: z.moistureAt,
      flowLpm: z.flowLpm,
      pulses,
      litresTotal: pulses / ppl,
      trueMoisture: z.soil.theta,
      stressed: z.soil.theta < stressThreshold(z.soilParams),
    };
  }
  const mainPulses = pulsesOf(state.mainLitres, state.spec.mainPulsesPerLitre);
  return {
    now: state.now,
    zones,
    mainFlowLpm: state.mainFlowLpm,
    mainPulses,
    mainLitresTotal: mainPulses / state.spec.mainPulsesPerLitre,
    temperature: state.temperature,
    humidity: state.humidity,
    airAt: state.airAt,
  };
}

/** The truth behind one zone's readings, with the season's water accounts. */
export type ZoneTruth = {
  /** Root-zone θ, % VWC. */
  moisture: number;
  stressThreshold: number;
  stressed: boolean;
  fieldCapacity: number;
  wiltingPoint: number;
  cropCoefficient: number;
  /** Cumulative since start, litres over the zone: irrigation, potential ETc, actual ET, drainage; and time stressed. */
  appliedLitres: number;
  potentialEtcLitres: number;
  actualEtLitres: number;
  drainedLitres: number;
  stressMs: number;
};

export type GreenhouseTruth = {
  temperature: number;
  humidity: number;
  sunFraction: number;
  solarWm2: number;
  /** Reference ET0 inside the house, mm/day, for the current local day. */
  et0InsideMmPerDay: number;
  zones: Record<string, ZoneTruth>;
};

/** Everything the evaluation may want that no sensor shows: true weather and each zone's water accounts. */
export function truth(state: GreenhouseState): GreenhouseTruth {
  const air = weatherAt(state.weather, state.now);
  const zones: Record<string, ZoneTruth> = {};
  for (const z of state.zones) zones[z.spec.id] = zoneTruth(state, z);
  return {
    temperature: air.temperature,
    humidity: air.humidity,
    sunFraction: air.sunFraction,
    solarWm2: air.solarWm2,
    et0InsideMmPerDay: air.day.et0Mm * (state.spec.netHouseEtFactor ?? DEFAULT_NET_HOUSE_ET_FACTOR),
    zones,
  };
}

function zoneTruth(state: GreenhouseState, z: ZoneSim): ZoneTruth {
  const threshold = stressThreshold(z.soilParams);
  const area = z.spec.areaM2;
  return {
    moisture: z.soil.theta,
    stressThreshold: threshold,
    stressed: z.soil.theta < threshold,
    fieldCapacity: z.soilParams.fieldCapacity,
    wiltingPoint: z.soilParams.wiltingPoint,
    cropCoefficient: cropCoefficientAt(state, z, state.now),
    appliedLitres: z.soil.appliedMm * area,
    potentialEtcLitres: z.soil.potentialEtcMm * area,
    actualEtLitres: z.soil.actualEtMm * area,
    drainedLitres: z.soil.drainedMm * area,
    stressMs: z.soil.stressMs,
  };
}
