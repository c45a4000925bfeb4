// Shared by the tests that run the bridge on real firmware on the emulated ATmega328P.
import { afterEach, beforeEach, vi } from 'vitest';
import {
  type EmulatedBoard,
  standardFirmataHex,
  startEmulatedBoard,
} from '../src/board/emulated-avr/emulated-board.ts';
import { seedlineFirmataHex } from '../src/board/emulated-avr/seedline-firmware.ts';
import type { GatewayConfig } from '../src/config/schema.ts';
import type { ControlEvent } from '../src/control/index.ts';
import { type Bridge, type Snapshot, startBridge } from '../src/runtime/bridge.ts';
import { memoryJournal } from '../src/runtime/journal.ts';

export type Firmware = { name: string; hex: () => string };
export const standardFirmata: Firmware = { name: 'StandardFirmata', hex: standardFirmataHex };
/** Built with avr-gcc on first use when `firmware/build` has no hex (see `seedline-firmware.ts`). */
export const seedlineFirmata: Firmware = { name: 'Seedline firmware', hex: seedlineFirmataHex };

let running: { emulated: EmulatedBoard; bridge: Bridge } | null = null;

function stopRunning(): void {
  running?.bridge.stop();
  running?.emulated.stop();
  running = null;
}

/**
 * Each test of the calling file on vitest's fake clock from `now`; after it, the bridge and the chip
 * are stopped before real timers come back.
 */
export function emulatedClockPerTest(now: number | Date): void {
  beforeEach(() => {
    vi.useFakeTimers({ now });
  });
  afterEach(() => {
    stopRunning();
    vi.useRealTimers();
  });
}

/** Boots the firmware, lets Johnny-Five finish its handshake, and starts the bridge on it. */
export async function bridgeOn(firmware: Firmware, config: GatewayConfig) {
  const emulated = startEmulatedBoard({ config, firmwareHex: firmware.hex() });
  let ready = false;
  void emulated.ready.then(() => (ready = true));
  // StandardFirmata blinks its version on pin 13 for about two seconds before it answers.
  await advanceUntil(() => ready, 5_000);
  const events: ControlEvent[] = [];
  let last: Snapshot | null = null;
  const bridge = startBridge({
    config,
    board: emulated.board,
    clock: () => Date.now(),
    journal: memoryJournal(),
    output: (o) => {
      if (o.kind === 'event') events.push(o.event);
      else last = o.snapshot;
    },
  });
  running = { emulated, bridge };
  return { ...emulated, bridge, events, snapshot: (): Snapshot | null => last };
}

/** Advances the shared clock in 10 ms steps until `done`; how long it took, or a failure past `limitMs`. */
export async function advanceUntil(done: () => boolean, limitMs: number): Promise<number> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start >= limitMs) throw new Error(`not within ${limitMs} ms`);
    await vi.advanceTimersByTimeAsync(10);
  }
  return Date.now() - start;
}

export const relayPins = (config: GatewayConfig) => [
  config.pump.pin,
  config.masterValve.pin,
  ...config.zones.map((z) => z.valve.pin),
];
