import type { Board } from 'johnny-five';
import { type Devices, createDevices } from '../board/devices.ts';
import type { GatewayConfig } from '../config/schema.ts';
import {
  type ControlConfig,
  type ControlEvent,
  type ControlLimits,
  type ControlState,
  DEFAULT_LIMITS,
  type Millis,
  type Outputs,
  type ZoneCommand,
  type ZoneReadings,
  type ZoneSettings,
  initialState,
  openRunRecords,
  recoverInterrupted,
  shutdown,
  step,
} from '../control/index.ts';
import type { Journal } from './journal.ts';
import { journalKeeper } from './journal-keeper.ts';

/** A zone as the bridge last saw it: for the terminal, and the telemetry reporting attaches to. */
export type ZoneSnapshot = {
  id: string;
  name: string;
  moisture: number | null;
  band: [number, number];
  valveOpen: boolean;
  flowLpm: number;
  litresToday: number;
  mode: string;
  alarm: string | null;
};

export type Snapshot = {
  at: Millis;
  zones: ZoneSnapshot[];
  pump: boolean;
  masterValve: boolean;
  temperature: number | null;
  humidity: number | null;
  leak: boolean;
};

/** The bridge's output stream: control events as they happen, snapshots every tick. */
export type BridgeOutput = { kind: 'event'; event: ControlEvent } | { kind: 'snapshot'; snapshot: Snapshot };

export type BridgeOptions = {
  config: GatewayConfig;
  board: Board;
  /** The bridge's time: the simulated clock on the virtual board, the wall clock on hardware. */
  clock: () => Millis;
  journal: Journal;
  output: (output: BridgeOutput) => void;
  /**
   * Multiplies the limits that stand for hardware delays (sample age, leak and flow confirmation)
   * when simulated time runs faster than the real-time sampling of Johnny-Five's components.
   */
  timeScale?: number;
  /** Where a problem that does not stop the loop is told (a journal that cannot be written). */
  warn?: (message: string) => void;
};

/** Null when the core applied the command, else its reason for refusing it. */
export type CommandOutcomeListener = (refusal: string | null) => void;

export type Bridge = {
  /** Runs at the next tick; `onOutcome` hears whether the core applied or refused it. */
  command(command: ZoneCommand, onOutcome?: CommandOutcomeListener): void;
  /** The settings each zone runs now. */
  settings(): Readonly<Record<string, ZoneSettings>>;
  /** New settings for a zone (already validated), from the next tick on. */
  applySettings(zoneId: string, settings: ZoneSettings): void;
  /** Records (as an event) that settings for a zone were refused and why. */
  refuseSettings(zoneId: string, reason: string): void;
  /** One control step now (the interval calls it; tests may too). */
  tick(): void;
  stop(): void;
  state(): ControlState;
};

export function controlLimits(config: GatewayConfig, timeScale = 1): ControlLimits {
  return {
    ...DEFAULT_LIMITS,
    maxOpenZones: config.maxOpenZones,
    utcOffsetMinutes: config.utcOffsetMinutes,
    staleAfterMs: DEFAULT_LIMITS.staleAfterMs * timeScale,
    leakConfirmMs: DEFAULT_LIMITS.leakConfirmMs * timeScale,
    leakBalanceConfirmMs: DEFAULT_LIMITS.leakBalanceConfirmMs * timeScale,
    flowGraceMs: DEFAULT_LIMITS.flowGraceMs * timeScale,
    noFlowConfirmMs: DEFAULT_LIMITS.noFlowConfirmMs * timeScale,
    flowSettleMs: DEFAULT_LIMITS.flowSettleMs * timeScale,
  };
}

export function controlConfig(config: GatewayConfig, timeScale = 1): ControlConfig {
  return {
    zones: config.zones.map((z) => ({
      id: z.id,
      areaM2: z.areaM2,
      cropCoefficient: z.cropCoefficient,
      nominalFlowLpm: z.nominalFlowLpm,
    })),
    settings: Object.fromEntries(config.zones.map((z) => [z.id, z.settings])),
    limits: controlLimits(config, timeScale),
    latitude: config.latitude,
  };
}

function modeText(state: ControlState, zoneId: string): string {
  const zone = state.zones[zoneId]!;
  if (zone.run?.kind === 'manual') return 'manual';
  return zone.mode.kind;
}

/**
 * Runs the control loop on a ready board: safe relays first, interrupted runs recorded, then a
 * step every `tickMs`. Stopping (or any failure inside a tick) closes every valve.
 */
export function startBridge(options: BridgeOptions): Bridge {
  const { config, board, clock, journal, output } = options;
  const warn = options.warn ?? ((message: string) => console.warn(`bridge: ${message}`));
  const control = controlConfig(config, options.timeScale ?? 1);
  const devices: Devices = createDevices(board, config, clock, options.timeScale ?? 1);

  const startedAt = clock();
  for (const run of journal.load()) output({ kind: 'event', event: recoverInterrupted(run, startedAt) });
  const keeper = journalKeeper(journal, warn);
  keeper.saveNow([]);

  let state = initialState(control.zones, control.settings, startedAt);
  let pending: { command: ZoneCommand; onOutcome?: CommandOutcomeListener }[] = [];
  let last: {
    zones: Record<string, ZoneReadings>;
    outputs: Outputs;
    temperature: number | null;
    humidity: number | null;
  } | null = null;
  let stopped = false;

  const saveJournal = () => keeper.saveOnTick(openRunRecords(state));

  const emit = (events: ControlEvent[]) => {
    for (const event of events) output({ kind: 'event', event });
  };

  const tick = () => {
    if (stopped) return;
    try {
      const now = clock();
      const readings = devices.read(now);
      const commands = pending;
      pending = [];
      const result = step(state, { now, ...readings, commands: commands.map((c) => c.command) }, control);
      state = result.state;
      devices.apply(result.outputs);
      saveJournal();
      emit(result.events);
      for (const { command, onOutcome } of commands) {
        // The core reports a refusal with the very command object it was given.
        const refused = result.events.find((e) => e.type === 'command-refused' && e.command === command);
        onOutcome?.(refused?.type === 'command-refused' ? refused.reason : null);
      }
      last = { zones: readings.zones, outputs: result.outputs, ...readings.site };
      output({ kind: 'snapshot', snapshot: snapshot(now) });
    } catch (error) {
      // Fail closed: a fault in the loop must never leave water running.
      devices.safe();
      devices.release();
      stopped = true;
      clearInterval(timer);
      throw error;
    }
  };

  const snapshot = (now: Millis): Snapshot => ({
    at: now,
    zones: config.zones.map((z) => {
      const zoneState = state.zones[z.id]!;
      return {
        id: z.id,
        name: z.name,
        moisture: last?.zones[z.id]?.moisture ?? null,
        band: [control.settings[z.id]!.moistureLow, control.settings[z.id]!.moistureHigh],
        valveOpen: last?.outputs.valves[z.id] ?? false,
        flowLpm: last?.zones[z.id]?.flowLpm ?? 0,
        litresToday: zoneState.dayLitres,
        mode: modeText(state, z.id),
        alarm:
          zoneState.sensorAlarm ?? (zoneState.noFlow ? 'no-flow' : zoneState.budgetReached ? 'budget-reached' : null),
      };
    }),
    pump: last?.outputs.pump ?? false,
    masterValve: last?.outputs.masterValve ?? false,
    temperature: last?.temperature ?? null,
    humidity: last?.humidity ?? null,
    leak: state.site.leak,
  });

  const timer = setInterval(tick, config.tickMs);

  return {
    command: (command, onOutcome) => {
      pending.push({ command, onOutcome });
    },
    settings: () => control.settings,
    applySettings(zoneId, settings) {
      if (!control.settings[zoneId]) throw new Error(`unknown zone ${zoneId}`);
      // A new object: the core and earlier snapshots keep what they were given.
      control.settings = { ...control.settings, [zoneId]: settings };
      emit([{ type: 'settings-applied', at: clock(), zoneId, settings }]);
    },
    refuseSettings(zoneId, reason) {
      emit([{ type: 'settings-refused', at: clock(), zoneId, reason }]);
    },
    tick,
    state: () => state,
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      const result = shutdown(state, clock());
      state = result.state;
      devices.safe();
      devices.release();
      keeper.saveNow([]);
      emit(result.events);
    },
  };
}
