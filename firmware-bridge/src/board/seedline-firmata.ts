import type { EventEmitter } from 'node:events';
import type { RelayConfig, ValveConfig } from '../config/schema.ts';
import { type Io, safeLevel } from './relays.ts';

// The bridge's side of Seedline's firmware (firmware-bridge/firmware, decision 027). The command
// bytes are the firmware's `protocol.h`; they sit in Firmata's user-defined sysex range.
export const SEEDLINE_FIRMWARE_NAME = 'SeedlineFirmata';
const HEARTBEAT = 0x01;
const SET_TIMEOUT = 0x02;
const SET_SAFE_LEVEL = 0x03;
const COUNT_PULSES = 0x04;
const PULSE_COUNT = 0x05;
const FAILSAFE = 0x06;

/** The board goes safe after this long without a heartbeat (the firmware's default too). */
export const FAILSAFE_TIMEOUT_MS = 5_000;
/** A heartbeat a second: four can be lost (a busy event loop, a garbled byte) before the board trips. */
export const HEARTBEAT_MS = 1_000;

/** firmata.js's board, as far as Seedline's messages need it. */
type FirmataIo = Io &
  EventEmitter & {
    sysexCommand(message: number[]): unknown;
    sysexResponse(command: number, handler: (this: EventEmitter, data: number[]) => void): unknown;
  };

/** The board runs Seedline's firmware: firmata.js read its name in the handshake. */
export function isSeedlineFirmware(io: Io & EventEmitter): io is FirmataIo {
  const firmware: unknown = Reflect.get(io, 'firmware');
  return (
    typeof firmware === 'object' &&
    firmware !== null &&
    Reflect.get(firmware, 'name') === SEEDLINE_FIRMWARE_NAME &&
    typeof Reflect.get(io, 'sysexCommand') === 'function' &&
    typeof Reflect.get(io, 'sysexResponse') === 'function'
  );
}

// firmata.js keeps sysex handlers in one table for the whole process (a second registration
// throws), and calls them with the board as `this`: each is registered once and re-emitted on its board.
let handlersRegistered = false;
function registerHandlers(io: FirmataIo): void {
  if (handlersRegistered) return;
  handlersRegistered = true;
  io.sysexResponse(PULSE_COUNT, function (data) {
    const [pin, ...septets] = data;
    // 32 bits as five 7-bit bytes, least significant first.
    const total = septets.slice(0, 5).reduce((sum, septet, i) => sum + (septet & 0x7f) * 2 ** (7 * i), 0);
    this.emit(`seedline-pulse-count-${pin}`, total % 2 ** 32);
  });
  io.sysexResponse(FAILSAFE, function (data) {
    this.emit('seedline-failsafe', data[0] === 1);
  });
}

export type SeedlineBoard = {
  /** Starts the chip counting a pin's pulses; the returned function reads the count since then. */
  countPulses(pin: number): () => number;
  /** Called when the board reports that its failsafe drove the outputs safe (true) or released them (false). */
  onFailsafe(listener: (tripped: boolean) => void): void;
  /** Stops the heartbeat: the board goes safe after the timeout (what happens when the bridge dies). */
  stop(): void;
};

/**
 * Hands the board its safety duties: each relay's safe level (from its polarity and valve type),
 * the timeout, and a heartbeat every second from now on.
 */
export function startSeedlineBoard(
  io: FirmataIo,
  relays: (RelayConfig | ValveConfig)[],
  options: { timeoutMs?: number; heartbeatMs?: number } = {},
): SeedlineBoard {
  const { timeoutMs = FAILSAFE_TIMEOUT_MS, heartbeatMs = HEARTBEAT_MS } = options;
  registerHandlers(io);
  io.sysexCommand([SET_TIMEOUT, timeoutMs & 0x7f, (timeoutMs >> 7) & 0x7f, (timeoutMs >> 14) & 0x7f]);
  for (const relay of relays) io.sysexCommand([SET_SAFE_LEVEL, relay.pin, safeLevel(io, relay) === io.HIGH ? 1 : 0]);
  io.sysexCommand([HEARTBEAT]);
  const timer = setInterval(() => io.sysexCommand([HEARTBEAT]), heartbeatMs);
  return {
    countPulses(pin) {
      let last = 0;
      let total = 0;
      io.on(`seedline-pulse-count-${pin}`, (count: number) => {
        // Counting starts at 0 in the chip; its counter wraps at 2^32, the total here does not.
        total += (count - last + 2 ** 32) % 2 ** 32;
        last = count;
      });
      io.sysexCommand([COUNT_PULSES, pin, 1]);
      return () => total;
    },
    onFailsafe(listener) {
      io.on('seedline-failsafe', listener);
    },
    stop: () => clearInterval(timer),
  };
}
