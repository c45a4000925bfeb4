// Shared by the tests that run the bridge on real firmware on the emulated ATmega328P.
import { afterEach, beforeEach, vi } from 'vitest';
import {
  type EmulatedBoard,
  standardFirmataHex,
  startEmulatedBoard,
} from '../src/board/emulated-avr/emulated-board.ts';
import { seedlineFirmataHex } from '../src/board/emulated-avr/seedline-firmware.ts';
import type { Atmega328p } from '../src/board/emulated-avr/atmega328p.ts';
import type { VirtualHardware } from '../src/board/virtual-io.ts';
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

/**
 * Boots the firmware, lets Johnny-Five finish its handshake, and starts the bridge on it. With a
 * `model`, the greenhouse behind the pins is the virtual board's model, held still until the bridge
 * starts (as on the virtual board), and from then it and the bridge's clock run `warp` times faster
 * than the chip; its time at the bridge's start is the time it was made with, `model.startedAt`.
 */
export async function bridgeOn(
  firmware: Firmware,
  config: GatewayConfig,
  model?: { hardware: VirtualHardware; warp: number; startedAt: number },
) {
  let modelRuns = false;
  const held = model && {
    warp: model.warp,
    hardware: { ...model.hardware, advance: gateAdvance(model.hardware, () => modelRuns) },
  };
  const emulated = startEmulatedBoard({ config, firmwareHex: firmware.hex(), model: held });
  let ready = false;
  void emulated.ready.then(() => (ready = true));
  // StandardFirmata blinks its version on pin 13 for about two seconds before it answers.
  await advanceUntil(() => ready, 5_000);
  const events: ControlEvent[] = [];
  let last: Snapshot | null = null;
  const warp = model?.warp ?? 1;
  const startedAt = model?.startedAt ?? Date.now();
  const realStart = Date.now();
  modelRuns = true;
  const bridge = startBridge({
    config,
    board: emulated.board,
    clock: () => startedAt + (Date.now() - realStart) * warp,
    timeScale: warp,
    journal: memoryJournal(),
    output: (o) => {
      if (o.kind === 'event') events.push(o.event);
      else last = o.snapshot;
    },
  });
  running = { emulated, bridge };
  return { ...emulated, bridge, events, snapshot: (): Snapshot | null => last };
}

function gateAdvance(hardware: VirtualHardware, runs: () => boolean): VirtualHardware['advance'] {
  return (dtMs, actuators) => {
    if (runs()) hardware.advance(dtMs, actuators);
  };
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

/**
 * Hangs the chip as a corrupted stack might: a jump to a one-instruction loop (`rjmp .`) at the end
 * of flash with interrupts off. Nothing but a reset (its watchdog) gets it out.
 */
export function hangChip(chip: Atmega328p): void {
  const loopAt = chip.cpu.progMem.length - 1;
  chip.cpu.progMem[loopAt] = 0xcfff;
  chip.cpu.pc = loopAt;
  chip.cpu.data[0x5f] &= 0x7f; // SREG: I cleared
}
