import {
  AVRADC,
  AVRClock,
  AVRIOPort,
  AVRTWI,
  AVRTimer,
  AVRUSART,
  AVRWatchdog,
  CPU,
  adcConfig,
  avrInstruction,
  clockConfig,
  portBConfig,
  portCConfig,
  portDConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  twiConfig,
  usart0Config,
  watchdogConfig,
} from 'avr8js';

/** An Arduino Uno's (and Duemilanove's) crystal. */
export const CLOCK_HZ = 16_000_000;

/** MCUSR's reset-cause flags: external reset (the RESET pin: DTR, the button) and watchdog. */
const MCUSR_EXTRF = 0x02;
const MCUSR_WDRF = 0x08;

export type ResetCause = 'external' | 'watchdog';

export type Atmega328p = {
  cpu: CPU;
  ports: { B: AVRIOPort; C: AVRIOPort; D: AVRIOPort };
  usart: AVRUSART;
  adc: AVRADC;
  twi: AVRTWI;
  /** Executes instructions until `cycles` more clock cycles have passed (peripherals included). */
  run(cycles: number): void;
  /** Emulated time since the chip was first powered, in milliseconds (a reset does not restart it). */
  millis(): number;
  /** A pulse on the RESET pin (what the USB chip's DTR line does when a host opens the port). */
  reset(): void;
  /** Called after every reset, once the chip is back in its reset state (to re-attach devices on its buses). */
  onReset(listener: (cause: ResetCause) => void): void;
};

/** One powered-up chip: the CPU and its peripherals in their reset state. */
type Core = Omit<Atmega328p, 'run' | 'millis' | 'reset' | 'onReset'>;

function createCore(program: Uint16Array, onWatchdogReset: () => void): Core {
  const cpu = new CPU(program);
  // The timers attach themselves to the CPU's registers; nothing else refers to them.
  new AVRTimer(cpu, timer0Config);
  new AVRTimer(cpu, timer1Config);
  new AVRTimer(cpu, timer2Config);
  // The watchdog runs from its own 128 kHz oscillator; avr8js derives its timeout from the clock.
  new AVRWatchdog(cpu, watchdogConfig, new AVRClock(cpu, CLOCK_HZ, clockConfig));
  // avr8js's watchdog reset only restarts the program: it keeps the I/O registers and drops the
  // peripherals' pending events (an ADC conversion in flight never completes, and the firmware's
  // busy-wait on it never ends). The chip is replaced by a fresh one instead, as a real reset does.
  const restartProgram = cpu.reset.bind(cpu);
  cpu.reset = () => {
    restartProgram();
    onWatchdogReset();
  };
  return {
    cpu,
    ports: {
      B: new AVRIOPort(cpu, portBConfig),
      C: new AVRIOPort(cpu, portCConfig),
      D: new AVRIOPort(cpu, portDConfig),
    },
    usart: new AVRUSART(cpu, usart0Config, CLOCK_HZ),
    adc: new AVRADC(cpu, adcConfig),
    twi: new AVRTWI(cpu, twiConfig, CLOCK_HZ),
  };
}

/**
 * An ATmega328P running a firmware image: the CPU with the peripherals StandardFirmata uses (the
 * three timers for millis() and PWM, GPIO ports B, C and D, USART0, the ADC and TWI for I²C), and
 * the hardware watchdog Seedline's firmware arms (a hung chip resets). The ports' pin-change and
 * external interrupts come with avr8js's port configs: Seedline's firmware counts flow pulses on them.
 *
 * A reset (the RESET pin, or the watchdog) puts every register back to its reset value, as on the
 * real chip: the chip's state is rebuilt, while what is outside it stays — the voltages on the
 * analog inputs, the USART's line to the host — and `onReset` listeners re-attach the rest.
 */
export function createAtmega328p(program: Uint16Array): Atmega328p {
  let pendingReset: ResetCause | null = null;
  const newCore = () => createCore(program, () => (pendingReset = 'watchdog'));
  let core = newCore();
  const listeners: ((cause: ResetCause) => void)[] = [];

  const replaceCore = (cause: ResetCause) => {
    const old = core;
    core = newCore();
    // Time goes on: events are scheduled in cycles, and tests measure emulated time with them.
    core.cpu.cycles = old.cpu.cycles;
    core.cpu.data[watchdogConfig.MCUSR] = cause === 'watchdog' ? MCUSR_WDRF : MCUSR_EXTRF;
    old.adc.channelValues.forEach((volts, channel) => (core.adc.channelValues[channel] = volts));
    core.usart.onByteTransmit = old.usart.onByteTransmit;
    core.usart.onRxComplete = old.usart.onRxComplete;
    for (const listener of listeners) listener(cause);
  };

  return {
    get cpu() {
      return core.cpu;
    },
    get ports() {
      return core.ports;
    },
    get usart() {
      return core.usart;
    },
    get adc() {
      return core.adc;
    },
    get twi() {
      return core.twi;
    },
    run(cycles: number) {
      const until = core.cpu.cycles + cycles;
      while (core.cpu.cycles < until) {
        const { cpu } = core;
        avrInstruction(cpu);
        cpu.tick();
        if (pendingReset) {
          replaceCore(pendingReset);
          pendingReset = null;
        }
      }
    },
    millis: () => (core.cpu.cycles * 1000) / CLOCK_HZ,
    reset: () => replaceCore('external'),
    onReset(listener) {
      listeners.push(listener);
    },
  };
}
