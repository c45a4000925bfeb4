import type { Io } from './relays.ts';

/**
 * A pulse-output flow meter on a digital pin: Johnny-Five has no component for it, so it counts
 * rising edges reported by the IO layer. Rate comes from the pulses between two reads.
 */
export type FlowMeter = {
  /** Litres since the bridge started (monotonic). */
  litresTotal(): number;
  /** Litres per minute over the last `windowMs` (or since the first sample). */
  sampleLpm(now: number): number;
};

export function flowMeter(io: Io, pin: number, pulsesPerLitre: number, windowMs = 1_000): FlowMeter {
  let pulses = 0;
  let last = 0;
  io.pinMode(pin, io.MODES.INPUT);
  io.digitalRead(pin, (value) => {
    if (value === 1 && last === 0) pulses++;
    last = value;
  });
  // (time, pulse count) samples covering the window, oldest first.
  const history: { at: number; pulses: number }[] = [];
  return {
    litresTotal: () => pulses / pulsesPerLitre,
    sampleLpm(now) {
      history.push({ at: now, pulses });
      while (history.length > 2 && history[1]!.at <= now - windowMs) history.shift();
      const oldest = history[0]!;
      if (now <= oldest.at) return 0;
      return ((pulses - oldest.pulses) / pulsesPerLitre) * (60_000 / (now - oldest.at));
    },
  };
}
