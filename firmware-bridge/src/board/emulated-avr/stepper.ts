import { type Atmega328p, CLOCK_HZ } from './atmega328p.ts';

export type StepperStats = {
  /** Emulated milliseconds run so far. */
  emulatedMs: number;
  /** CPU milliseconds the process spent inside the emulator's steps. */
  cpuMs: number;
  /** Clock milliseconds the emulator skipped because it could not keep up (0 when it always did). */
  droppedMs: number;
};

export type Stepper = { stop(): void; stats(): StepperStats };

export type StepperOptions = {
  /** How often the timer fires, in clock milliseconds. */
  sliceMs?: number;
  /**
   * The most one step may catch up: a process that was paused (or an emulator slower than real
   * time) lets emulated time fall behind instead of blocking the event loop to catch up.
   */
  maxStepMs?: number;
  /** The clock emulated time follows: `Date.now`, which vitest's fake timers control in tests. */
  now?: () => number;
  /** Called before each step with the cycles it will run (schedules input edges inside it). */
  beforeStep?: (cycles: number) => void;
  /** Called after each step (hands the bytes the chip sent to the host). */
  afterStep?: () => void;
};

/**
 * Runs the chip in steps from a timer, each as long as the clock moved since the last: emulated
 * time follows the clock. Between steps the process is idle, so on real timers the emulator uses
 * only the CPU that real time needs (StandardFirmata: about 30 % of one core here); under fake
 * timers time moves only as the test advances it and the chip runs as fast as the host can.
 */
export function runInSteps(chip: Atmega328p, options: StepperOptions = {}): Stepper {
  const { sliceMs = 5, maxStepMs = 50, now = Date.now, beforeStep, afterStep } = options;
  const stats: StepperStats = { emulatedMs: 0, cpuMs: 0, droppedMs: 0 };
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    const elapsed = at - last;
    last = at;
    const ms = Math.min(elapsed, maxStepMs);
    stats.droppedMs += elapsed - ms;
    if (ms <= 0) return;
    const cycles = Math.round((ms * CLOCK_HZ) / 1000);
    // CPU time, not a clock: vitest's fake timers replace Date and performance, not the process's usage.
    const started = process.cpuUsage();
    beforeStep?.(cycles);
    chip.run(cycles);
    afterStep?.();
    const used = process.cpuUsage(started);
    stats.cpuMs += (used.user + used.system) / 1000;
    stats.emulatedMs += ms;
  }, sliceMs);
  return {
    stop: () => clearInterval(timer),
    stats: () => ({ ...stats }),
  };
}
