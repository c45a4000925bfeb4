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

export type Atmega328p = {
  cpu: CPU;
  ports: { B: AVRIOPort; C: AVRIOPort; D: AVRIOPort };
  usart: AVRUSART;
  adc: AVRADC;
  twi: AVRTWI;
  /** Executes instructions until `cycles` more clock cycles have passed (peripherals included). */
  run(cycles: number): void;
  /** Emulated time since reset, in milliseconds. */
  millis(): number;
};

/**
 * An ATmega328P running a firmware image: the CPU with the peripherals StandardFirmata uses (the
 * three timers for millis() and PWM, GPIO ports B, C and D, USART0, the ADC and TWI for I²C), and
 * the hardware watchdog Seedline's firmware arms (a hung chip resets). The ports' pin-change and
 * external interrupts come with avr8js's port configs: Seedline's firmware counts flow pulses on them.
 */
export function createAtmega328p(program: Uint16Array): Atmega328p {
  const cpu = new CPU(program);
  // The timers attach themselves to the CPU's registers; nothing else refers to them.
  new AVRTimer(cpu, timer0Config);
  new AVRTimer(cpu, timer1Config);
  new AVRTimer(cpu, timer2Config);
  // The watchdog runs from its own 128 kHz oscillator; avr8js derives its timeout from the clock.
  new AVRWatchdog(cpu, watchdogConfig, new AVRClock(cpu, CLOCK_HZ, clockConfig));
  const chip = {
    cpu,
    ports: {
      B: new AVRIOPort(cpu, portBConfig),
      C: new AVRIOPort(cpu, portCConfig),
      D: new AVRIOPort(cpu, portDConfig),
    },
    usart: new AVRUSART(cpu, usart0Config, CLOCK_HZ),
    adc: new AVRADC(cpu, adcConfig),
    twi: new AVRTWI(cpu, twiConfig, CLOCK_HZ),
    run(cycles: number) {
      const until = cpu.cycles + cycles;
      while (cpu.cycles < until) {
        avrInstruction(cpu);
        cpu.tick();
      }
    },
    millis: () => (cpu.cycles * 1000) / CLOCK_HZ,
  };
  return chip;
}
