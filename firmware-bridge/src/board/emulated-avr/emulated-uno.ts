import type { GatewayConfig } from '../../config/schema.ts';
import { createAtmega328p, type Atmega328p } from './atmega328p.ts';
import type { VirtualHardware } from '../virtual-io.ts';
import { greenhouseBench, type GreenhouseBench } from './greenhouse-bench.ts';
import { parseIntelHex } from './intel-hex.ts';
import { followModel } from './modelled-greenhouse.ts';
import { sht31d } from './sht31d.ts';
import { runInSteps, type Stepper, type StepperOptions } from './stepper.ts';
import { type UsartTransport, usartTransport } from './usart-transport.ts';

export type EmulatedUno = {
  chip: Atmega328p;
  bench: GreenhouseBench;
  stepper: Stepper;
  /** The host's side of the serial line: closed until the caller opens it. */
  transport: UsartTransport;
  stop(): void;
};

/**
 * An Arduino Uno running `firmwareHex` on the emulated ATmega328P, wired to a greenhouse bench per
 * the gateway config (with its SHT31-D on I²C when the config has one), running from a timer
 * from now on (see `stepper.ts`). Who talks to it over `transport` is the caller's business.
 */
export function startEmulatedUno(options: {
  config: GatewayConfig;
  firmwareHex: string;
  stepper?: Omit<StepperOptions, 'beforeStep' | 'afterStep'>;
  /** The virtual greenhouse's model behind the pins, `warp` times faster than the chip (`modelled-greenhouse.ts`). */
  model?: { hardware: VirtualHardware; warp: number };
}): EmulatedUno {
  const { config } = options;
  const chip = createAtmega328p(parseIntelHex(options.firmwareHex));
  const bench = greenhouseBench(chip, config);
  const { climateSensor } = config;
  if (climateSensor) {
    // The sensor is outside the chip: after a reset it is on the new chip's bus.
    const attach = () => (chip.twi.eventHandler = sht31d(chip.twi, () => bench.climate, climateSensor.address));
    attach();
    chip.onReset(attach);
  }
  const transport = usartTransport(chip);
  const beforeStep = options.model
    ? followModel(bench, config, options.model.hardware, options.model.warp)
    : bench.beforeStep;
  const stepper = runInSteps(chip, { ...options.stepper, beforeStep, afterStep: transport.flush });
  return {
    chip,
    bench,
    stepper,
    transport,
    stop() {
      stepper.stop();
      transport.close();
    },
  };
}
