import five, { type Board } from 'johnny-five';
import type { RelayConfig, ValveConfig } from '../config/schema.ts';

// A relay channel with explicit polarity. "Energized" is the coil on. An active-high driver
// energizes on HIGH, an active-low one on LOW; Johnny-Five's Relay `type` is what inverts the
// level, so the driver maps to it: close() always means energize here.

export type Io = {
  HIGH: number;
  LOW: number;
  MODES: { INPUT: number; OUTPUT: number; ANALOG: number };
  pinMode(pin: number, mode: number): void;
  digitalWrite(pin: number, value: number): void;
  digitalRead(pin: number, callback: (value: number) => void): void;
};

export type Channel = {
  /** Water (or the pump) on or off, as the controller wants it. */
  set(on: boolean): void;
  /** Drives the pin again to what `on` says (after the board changed it on its own). */
  reapply(): void;
  readonly on: boolean;
  readonly pin: number;
};

function energizeLevel(io: Io, driver: RelayConfig['driver']): number {
  return driver === 'active-high' ? io.HIGH : io.LOW;
}

/** Level that leaves the line safe: valve closed for water, pump off. */
export function safeLevel(io: Io, device: RelayConfig | ValveConfig): number {
  const energizedIsOn = !('type' in device) || device.type === 'NC';
  const energize = energizeLevel(io, device.driver);
  const deenergize = energize === io.HIGH ? io.LOW : io.HIGH;
  // Safe = off: a NC valve or the pump off is de-energized; a NO valve is closed by energizing it.
  return energizedIsOn ? deenergize : energize;
}

/**
 * Drives every relay pin to its safe level. The first thing the bridge does once the board
 * answers, before any component exists, and the last thing at shutdown.
 */
export function forceSafe(io: Io, devices: (RelayConfig | ValveConfig)[]): void {
  for (const device of devices) {
    io.pinMode(device.pin, io.MODES.OUTPUT);
    io.digitalWrite(device.pin, safeLevel(io, device));
  }
}

export function relayChannel(board: Board, device: RelayConfig | ValveConfig): Channel {
  const relay = new five.Relay({ board, pin: device.pin, type: device.driver === 'active-high' ? 'NO' : 'NC' });
  const energizedIsOn = !('type' in device) || device.type === 'NC';
  let on = false;
  const apply = () => (on === energizedIsOn ? relay.close() : relay.open());
  apply();
  return {
    pin: device.pin,
    get on() {
      return on;
    },
    set(next: boolean) {
      if (next === on) return;
      on = next;
      apply();
    },
    reapply: apply,
  };
}
