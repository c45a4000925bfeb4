// The virtual greenhouse's data: what a zone and the site are (specs), what the relays ask
// (outputs), what can break (faults) and the mutable state that `advance` moves forward.
// All plain data: a state can be logged, cloned with structuredClone, or compared in a test.

import type { CropName, CropSpec } from './crop.ts';
import type { Rng } from './random.ts';
import type { SoilParams, SoilState } from './soil.ts';
import type { WeatherState } from './weather.ts';

/** Milliseconds since the epoch: the control core's time. */
export type { Millis } from '../control/types.ts';
import type { Millis } from '../control/types.ts';

/** A capacitive moisture sensor's two-point calibration: raw ADC counts at 0 % and at 50 % VWC (raw falls as soil gets wetter). */
export type SensorCalibration = { rawDry: number; rawWet: number };

export type ZoneSpec = {
  id: string;
  crop: CropName;
  /** Days since transplanting at `start` (negative before it, during a spin-up). */
  cropDayAtStart: number;
  areaM2: number;
  /** Soil water limits, % VWC (FAO-56 Table 19 ranges); `texture` is only a label. */
  soil: { texture: string; fieldCapacity: number; wiltingPoint: number };
  /** Effective root depth, m. */
  rootDepthM: number;
  /** Share of the floor the drippers wet (Pw, 0..1); default 1 (uniform). */
  wettedFraction?: number;
  /** Depletion fraction p; default the crop's FAO-56 Table 22 value. */
  p?: number;
  /** Emitters' flow at design pressure, L/min: the most the zone can take. */
  nominalFlowLpm: number;
  /** The zone flow meter's pulses per litre. */
  pulsesPerLitre: number;
  sensor: SensorCalibration;
  /** θ at the start, % VWC; default field capacity (beds watered up at transplanting). */
  initialMoisture?: number;
};

export type GreenhouseSpec = {
  seed: number;
  /** Start of the simulation (the weather series starts on this local day). */
  start: Millis;
  /**
   * Days simulated before `start` (a spin-up), default 0: the clock begins this many days earlier.
   * The weather from `start` on and each zone's crop day at `start` are the same as without it;
   * the days before have weather of their own (the series' lead-in) and earlier crop days. A zone
   * whose crop day is still negative is not transplanted yet: a fallow bed under its mulch,
   * whose evaporation the model neglects (no ET).
   */
  spinUpDays?: number;
  latitude?: number;
  utcOffsetMinutes?: number;
  /** The shared pump's output, L/min, split between open valves. */
  pumpCapacityLpm: number;
  mainPulsesPerLitre: number;
  /** Crop ET inside the net house over the same crop outside (shade and shelter); default 0.8. */
  netHouseEtFactor?: number;
  /** Sensor sampling period, ms; default 100. */
  sensorSampleMs?: number;
  zones: ZoneSpec[];
};

/** The relays, shaped like the control core's `Outputs` so its result can be passed straight in. */
export type SimOutputs = { valves: Record<string, boolean>; pump: boolean; masterValve: boolean };

export type Fault =
  /** Sensor lead pulled: the ADC input floats to a rail, or the board stops reporting it at all. */
  | { kind: 'sensor-unplugged'; zoneId: string; reads: 'high' | 'low' | 'nothing' }
  /** The raw value freezes where it is (a hung ADC or firmware). */
  | { kind: 'sensor-stuck'; zoneId: string }
  /** ±80 counts of noise (a cracked probe, a poor ground). */
  | { kind: 'sensor-noisy'; zoneId: string }
  | { kind: 'valve-stuck-open'; zoneId: string }
  | { kind: 'valve-stuck-shut'; zoneId: string }
  /** A burst on the main line between the main meter and the master valve, fed by the header tank's head. */
  | { kind: 'leak'; lpm: number }
  /** The pump does not deliver when switched on. */
  | { kind: 'pump-dead' }
  | { kind: 'tank-empty' };

export type FaultKind = Fault['kind'];
export type SensorFault = Extract<Fault, { kind: 'sensor-unplugged' | 'sensor-stuck' | 'sensor-noisy' }>;

export type ZoneSim = {
  spec: ZoneSpec;
  crop: CropSpec;
  soilParams: SoilParams;
  soil: SoilState;
  /** Flow through the zone meter during the last advance, L/min. */
  flowLpm: number;
  /** Exact litres through the zone meter (the meter shows whole pulses of it). */
  litres: number;
  /** Last sample of the moisture sensor: raw counts (null before the first) and when. */
  raw: number | null;
  moistureAt: Millis;
  sensorFault: SensorFault | null;
  valveFault: 'valve-stuck-open' | 'valve-stuck-shut' | null;
};

export type GreenhouseState = {
  spec: GreenhouseSpec;
  now: Millis;
  weather: WeatherState;
  /** Sensor noise stream (the weather has its own, so faults and sampling never change the weather). */
  noise: Rng;
  zones: ZoneSim[];
  pumpDead: boolean;
  tankEmpty: boolean;
  leakLpm: number;
  mainFlowLpm: number;
  mainLitres: number;
  /** Last air sample (°C, % RH) and when. */
  temperature: number;
  humidity: number;
  airAt: Millis;
  nextSampleAt: Millis;
};
