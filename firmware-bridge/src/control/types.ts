// The control core's contract: plain data in (settings, readings, commands, time), plain data out
// (relay outputs, events, next state). No I/O, no clocks, no randomness: the bridge, the tests and
// the season benchmark all drive the same `step` with their own time.

/** Milliseconds since the epoch. The core never reads a clock: time always comes in. */
export type Millis = number;

/** A daily window in the gateway's local time, "HH:MM" (24 h). `to` may be past midnight. */
export type WateringWindow = { from: string; to: string };

/** Per-zone settings: what the farmer (through the shadow) or the config file sets. */
export type ZoneSettings = {
  /** Start watering when soil moisture (% volumetric water content) falls below this. */
  moistureLow: number;
  /** Stop when it reaches this (hysteresis band: moistureLow < moistureHigh). */
  moistureHigh: number;
  /** Longest one cycle may run, minutes. */
  maxRunMinutes: number;
  /** Shortest pause between cycles, minutes: lets water soak down to the sensor. */
  minSoakMinutes: number;
  /** Litres the zone may get per local day (automatic and manual together). */
  dailyBudgetLitres: number;
  /** Automatic watering starts only inside one of these; empty = any time. */
  windows: WateringWindow[];
  /**
   * After a moisture sensor fault, water on the zone's ET bucket until the sensor is back
   * (fallback watering); false keeps the zone dry instead. Absent means true: settings stored,
   * reported or sent before the setting existed keep their meaning, and fallback is the default.
   */
  fallbackWatering?: boolean;
};

/** What the bridge knows of a zone's physical set-up that the rules need. */
export type ZoneProfile = {
  id: string;
  areaM2: number;
  /** Crop coefficient (FAO-56 Kc) for the crop's current stage. */
  cropCoefficient: number;
  /** Expected flow when the valve is open, litres per minute (from commissioning). */
  nominalFlowLpm: number;
};

/** Global safety and timing parameters, with defaults in `defaults.ts`. */
export type ControlLimits = {
  /** At most this many zones open at once (they share the pump); 0 = no limit. */
  maxOpenZones: number;
  /** A moisture sample older than this is stale (sensor unplugged, board lost). */
  staleAfterMs: Millis;
  /** Valid moisture range, % VWC; outside it the sensor is faulty (short, open circuit). */
  moistureMin: number;
  moistureMax: number;
  /** A raw reading unchanged (to the last bit) this long means a stuck sensor. */
  stuckAfterMs: Millis;
  /** Flow above this with every valve closed is a leak, litres per minute. */
  leakFlowLpm: number;
  /** How long leak flow must persist before the master valve shuts (filters meter jitter). */
  leakConfirmMs: Millis;
  /**
   * After the last valve closes, flow is not yet a leak for this long: the line drains and the
   * meters' one-second averages decay. Leak confirmation (`leakConfirmMs`) starts after it.
   */
  flowSettleMs: Millis;
  /** After a valve opens, the line has this long to show flow before it is a dry pump or blocked line. */
  flowGraceMs: Millis;
  /** Flow below this share of nominal (after the grace) counts as no flow. */
  noFlowRatio: number;
  /** Flow must stay below `noFlowRatio` of nominal this long without a break before it is no flow. */
  noFlowConfirmMs: Millis;
  /** Offset of the gateway's local time from UTC, minutes (Vietnam: +420). */
  utcOffsetMinutes: number;
  /**
   * A cycle may apply at most this multiple of the crop water the zone can have used since it
   * was last watered (ETc), plus `etAllowanceLitresPerM2`: a drifting sensor cannot drown a crop.
   */
  etSafetyFactor: number;
  etAllowanceLitresPerM2: number;
  /**
   * Fallback watering (sensor fault): a cycle starts once the zone's ET bucket (crop water used
   * since the fault, less what fallback cycles applied) holds this many litres per m².
   */
  fallbackTriggerLitresPerM2: number;
  /**
   * The fallback bucket fills with this multiple of the zone's learned water use (the ETc
   * estimate × its calibration): the learned ratio drifts with weather and crop stage, and with no
   * sensor to notice, too little water is the worse failure.
   */
  fallbackSafetyFactor: number;
  /**
   * Leak balance while valves are open: the main meter reading more than the open zones' meters
   * together by `leakBalanceLpm` + `leakBalanceRatio` × their sum, without a break for
   * `leakBalanceConfirmMs`, is a leak between the main meter and the zone valves.
   */
  leakBalanceLpm: number;
  leakBalanceRatio: number;
  leakBalanceConfirmMs: Millis;
};

/** A command from the farmer (dashboard → shadow → bridge) or the local console. */
export type ZoneCommand =
  | { kind: 'run'; zoneId: string; minutes: number }
  | { kind: 'stop'; zoneId: string }
  | { kind: 'pause'; zoneId: string; until: Millis }
  | { kind: 'resume'; zoneId: string }
  | { kind: 'off'; zoneId: string }
  | { kind: 'auto'; zoneId: string }
  | { kind: 'acknowledge'; alarmKind: AlarmKind; zoneId: string | null };

/** One zone's sensor state as the board adapter last saw it. */
export type ZoneReadings = {
  /** Calibrated soil moisture, % VWC; null when there is no reading at all. */
  moisture: number | null;
  /** Raw analog value behind `moisture` (for the stuck-sensor rule). */
  moistureRaw: number | null;
  /** When that sample was taken. */
  moistureAt: Millis;
  /** Zone flow meter, litres per minute, averaged over the last second. */
  flowLpm: number;
  /** Zone flow meter total since the bridge started, litres (monotonic). */
  litresTotal: number;
};

/** Greenhouse-wide readings. */
export type SiteReadings = {
  /** Main line flow (after the master valve), litres per minute; null when no main meter. */
  mainFlowLpm: number | null;
  /** Air temperature °C and relative humidity %, null while unknown. */
  temperature: number | null;
  humidity: number | null;
};

export type Inputs = {
  now: Millis;
  zones: Record<string, ZoneReadings>;
  site: SiteReadings;
  commands: ZoneCommand[];
};

/** Why water started or stopped: every start and stop carries one. */
export type StartRule =
  | 'band-low'
  | 'manual'
  /** Fallback watering: the zone's moisture sensor has failed and its ET bucket is full enough. */
  | 'fallback-et';
export type StopRule =
  | 'band-high'
  | 'max-run'
  | 'budget'
  | 'et-bound'
  | 'window-closed'
  | 'manual-expired'
  | 'manual-stop'
  | 'paused'
  | 'off'
  | 'fault'
  | 'shutdown'
  | 'interrupted'
  /** An automatic run closed to make room for a farmer's manual run (shared pump, `maxOpenZones`). */
  | 'preempted'
  /** A fallback run closed because the moisture sensor is good again: band control takes over. */
  | 'sensor-recovered';

export type AlarmKind = 'sensor-stale' | 'sensor-out-of-range' | 'sensor-stuck' | 'leak' | 'no-flow' | 'budget-reached';

export type ZoneMode =
  { kind: 'auto' } | { kind: 'manual'; until: Millis } | { kind: 'paused'; until: Millis } | { kind: 'off' };

export type ControlEvent =
  | { type: 'water-started'; at: Millis; zoneId: string; rule: StartRule; moisture: number | null }
  | {
      type: 'water-stopped';
      at: Millis;
      zoneId: string;
      rule: StopRule;
      litres: number;
      startedAt: Millis;
      moisture: number | null;
    }
  | { type: 'alarm-raised'; at: Millis; zoneId: string | null; alarm: AlarmKind; message: string; needsAck: boolean }
  | { type: 'alarm-cleared'; at: Millis; zoneId: string | null; alarm: AlarmKind }
  | { type: 'mode-changed'; at: Millis; zoneId: string; mode: ZoneMode; reason: string }
  | { type: 'command-refused'; at: Millis; command: ZoneCommand; reason: string }
  | { type: 'settings-applied'; at: Millis; zoneId: string; settings: ZoneSettings }
  | { type: 'settings-refused'; at: Millis; zoneId: string; reason: string };

/** The relays the adapters drive, as the core wants them. */
export type Outputs = {
  valves: Record<string, boolean>;
  pump: boolean;
  masterValve: boolean;
};

// ---------------------------------------------------------------------------------------------
// The core's own state and call shapes. All plain JSON (numbers, strings, booleans, null), so the
// bridge may persist or log a whole state and a test may compare two with `toEqual`.

/** Tmin/Tmax of the current local day so far and of the last complete day with readings, °C. */
export type DailyTemperatures = {
  tMin: number | null;
  tMax: number | null;
  prevTMin: number | null;
  prevTMax: number | null;
};

/** Alarms a zone's moisture sensor can raise; at most one at a time (the most basic cause wins). */
export type SensorAlarm = 'sensor-stale' | 'sensor-out-of-range' | 'sensor-stuck';

/** A zone's open watering run: the valve is commanded open exactly while this exists. */
export type RunState = {
  /**
   * 'auto' runs obey band, windows, max run and the ET bound; 'manual' runs only their expiry;
   * 'fallback' runs (sensor fault) windows, max run and their ET bucket.
   */
  kind: 'auto' | 'manual' | 'fallback';
  startedAt: Millis;
  /** The zone meter's `litresTotal` when the valve opened. */
  litresAtStart: number;
};

export type ZoneState = {
  mode: ZoneMode;
  run: RunState | null;
  /** When the last run stopped (for the soak rule and for fairness); null = never since start. */
  lastStopAt: Millis | null;
  /** Since when the zone has wanted to start but the shared pump had no room; null = not waiting. */
  waitingSince: Millis | null;
  /** Current sensor alarm; clears by itself when the reading is good again. */
  sensorAlarm: SensorAlarm | null;
  /** Stuck-sensor tracking: the last raw value and the sample time it was first seen. */
  lastRaw: number | null;
  rawSince: Millis;
  /** Latched no-flow alarm: the zone stays closed until it is acknowledged. */
  noFlow: boolean;
  /** Since when the open zone's flow has been below `noFlowRatio` of nominal; null = not low (or closed). */
  lowFlowSince: Millis | null;
  /** Litres through the zone meter in the current local day, and the meter total last seen. */
  dayLitres: number;
  lastLitresTotal: number | null;
  budgetReached: boolean;
  /**
   * Crop water use (ETc, litres) since the zone was last watered, less what later runs applied;
   * never negative. The ET bound of an automatic cycle is built on it.
   */
  etcDebtLitres: number;
  /**
   * Cycle and soak: a watering the band started ('band-low') still wants water until the reading
   * reaches `moistureHigh`. While this is set, the zone starts another cycle after the soak even
   * above `moistureLow`. Cleared by the high mark, a stop other than 'max-run' or 'preempted',
   * leaving auto, a fault, the budget, or being closed outside every window.
   */
  cycleDemand: boolean;
  /**
   * Fallback watering's ET bucket: crop water use (ETc, litres, scaled by the calibration) since
   * the zone's sensor failed, less what fallback runs applied; below 0 by at most what the last
   * cycle gave past empty. 0 whenever the sensor is good, fallback is off for the zone or the
   * zone is off.
   */
  fallbackBucketLitres: number;
  /** Band control's record of the zone's real water use against its ETc estimate (calibration.ts). */
  etCalibration: EtCalibration;
  /**
   * The open calibration interval: estimated ETc and metered litres since `etCalibration.markAt`
   * (plain numbers on the zone, so the count costs no allocation per step).
   */
  markEtcLitres: number;
  markLitres: number;
  /** Last moisture seen (for the events that report it); null when unknown. */
  moisture: number | null;
};

/**
 * Water the zone used against its ETc estimate, from intervals between two band waterings that
 * started at the same reading (calibration.ts). The bucket of fallback watering fills with the
 * estimate × litres / etcLitres.
 */
export type EtCalibration = {
  /** Start of the open interval (a band watering's start) and the reading then; null = none open. */
  markAt: Millis | null;
  markMoisture: number;
  /** Closed intervals, older ones fading: estimated ETc and metered litres. */
  etcLitres: number;
  litres: number;
};

export type SiteState = {
  /** Latched leak: master valve shut and every zone closed until acknowledged and dry. */
  leak: boolean;
  leakAcked: boolean;
  /** Since when leak-level flow has been seen with every valve settled closed; null = not seen. */
  leakFlowSince: Millis | null;
  /**
   * Since when the main meter has read more than the zone meters together (beyond the balance
   * tolerance); null = in balance, or no main meter.
   */
  balanceSince: Millis | null;
  /** Since when the line has been dry while a leak is latched; null = not dry. */
  drySince: Millis | null;
  /** Since when every valve has been commanded closed; null while one is open. */
  allClosedSince: Millis | null;
  /** Air temperature extremes of the current local day, and of the last complete one (°C). */
  temperatures: DailyTemperatures;
  /** Local day `raMm` was computed for, and extraterrestrial radiation as evaporation, mm/day. */
  raDay: number;
  raMm: number;
};

export type ControlState = {
  /** Time of the last step (or of the initial state). */
  now: Millis;
  /** Local day number (days since the epoch in the gateway's local time) of the last step. */
  day: number;
  zones: Record<string, ZoneState>;
  site: SiteState;
};

export type ControlConfig = {
  zones: ZoneProfile[];
  settings: Record<string, ZoneSettings>;
  limits: ControlLimits;
  /** Site latitude, decimal degrees (north positive), for extraterrestrial radiation. */
  latitude: number;
};

export type StepResult = { state: ControlState; outputs: Outputs; events: ControlEvent[] };

/**
 * What the bridge persists for each open run so that a crash or power cut still ends with a
 * 'water-stopped' record at the next start. `litresLastSeen` is the zone meter total when the
 * bridge last saved the record (the meter restarts from zero with the bridge).
 */
export type OpenRunRecord = {
  zoneId: string;
  rule: StartRule;
  startedAt: Millis;
  litresAtStart: number;
  litresLastSeen: number;
  lastSeenAt: Millis;
};

export type WaterStoppedEvent = Extract<ControlEvent, { type: 'water-stopped' }>;
