import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import five, { type Board } from 'johnny-five';
import type { GatewayConfig } from '../../config/schema.ts';
import type { VirtualHardware } from '../virtual-io.ts';
import { type EmulatedUno, startEmulatedUno } from './emulated-uno.ts';
import type { StepperOptions } from './stepper.ts';

/**
 * StandardFirmata 2.5 compiled for the ATmega328P, as shipped in the avrgirl-arduino package (a
 * dev dependency: it is read where npm put it, never copied into this repository).
 */
export function standardFirmataHex(): string {
  const packageJson = createRequire(import.meta.url).resolve('avrgirl-arduino/package.json');
  return fs.readFileSync(
    path.join(path.dirname(packageJson), 'junk/hex/duemilanove328/StandardFirmata.cpp.hex'),
    'utf8',
  );
}

export type EmulatedBoard = EmulatedUno & {
  /** Johnny-Five's board, connected over the chip's serial line exactly as to a USB Arduino. */
  board: Board;
  /** Resolves when Johnny-Five has finished its Firmata handshake with the firmware. */
  ready: Promise<void>;
};

/**
 * An Arduino Uno running real firmware on the emulated ATmega328P, wired to a greenhouse bench
 * per the gateway config, with Johnny-Five connected to it through the chip's USART. The chip
 * runs from a timer (see `stepper.ts`); call `stop()` to end it.
 */
export function startEmulatedBoard(options: {
  config: GatewayConfig;
  firmwareHex?: string;
  stepper?: Omit<StepperOptions, 'beforeStep' | 'afterStep'>;
  /** The virtual greenhouse's model behind the pins, `warp` times faster than the chip (`modelled-greenhouse.ts`). */
  model?: { hardware: VirtualHardware; warp: number };
}): EmulatedBoard {
  const uno = startEmulatedUno({ ...options, firmwareHex: options.firmwareHex ?? standardFirmataHex() });
  // Johnny-Five opens firmata.js on the port object synchronously, so it listens before the chip
  // boots and hears the version StandardFirmata announces.
  const board = new five.Board({ port: uno.transport, repl: false, debug: false, sigint: false });
  const ready = new Promise<void>((resolve, reject) => {
    board.once('ready', () => resolve());
    board.once('error', (error: Error) => reject(error));
  });
  uno.transport.open();
  return { ...uno, board, ready };
}
