import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import five, { type Board } from 'johnny-five';
import type { GatewayConfig } from '../../config/schema.ts';
import { createAtmega328p, type Atmega328p } from './atmega328p.ts';
import type { VirtualHardware } from '../virtual-io.ts';
import { greenhouseBench, type GreenhouseBench } from './greenhouse-bench.ts';
import { parseIntelHex } from './intel-hex.ts';
import { followModel } from './modelled-greenhouse.ts';
import { sht31d } from './sht31d.ts';
import { runInSteps, type Stepper, type StepperOptions } from './stepper.ts';
import { type UsartTransport, usartTransport } from './usart-transport.ts';

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

export type EmulatedBoard = {
  /** Johnny-Five's board, connected over the chip's serial line exactly as to a USB Arduino. */
  board: Board;
  bench: GreenhouseBench;
  chip: Atmega328p;
  stepper: Stepper;
  /** The host's side of the serial line (`silence` it to emulate a dead bridge). */
  transport: UsartTransport;
  /** Resolves when Johnny-Five has finished its Firmata handshake with the firmware. */
  ready: Promise<void>;
  stop(): void;
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
  const { config } = options;
  const chip = createAtmega328p(parseIntelHex(options.firmwareHex ?? standardFirmataHex()));
  const bench = greenhouseBench(chip, config);
  if (config.climateSensor) chip.twi.eventHandler = sht31d(chip.twi, () => bench.climate, config.climateSensor.address);
  const transport = usartTransport(chip);
  // Johnny-Five opens firmata.js on the port object synchronously, so it listens before the chip
  // boots and hears the version StandardFirmata announces.
  const board = new five.Board({ port: transport, repl: false, debug: false, sigint: false });
  const ready = new Promise<void>((resolve, reject) => {
    board.once('ready', () => resolve());
    board.once('error', (error: Error) => reject(error));
  });
  const beforeStep = options.model
    ? followModel(bench, config, options.model.hardware, options.model.warp)
    : bench.beforeStep;
  const stepper = runInSteps(chip, { ...options.stepper, beforeStep, afterStep: transport.flush });
  transport.open();
  return {
    board,
    bench,
    chip,
    stepper,
    transport,
    ready,
    stop() {
      stepper.stop();
      transport.close();
    },
  };
}
