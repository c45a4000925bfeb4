import type { Io } from './relays.ts';

/**
 * A pulse-output flow meter: litres and rate from a running pulse count. The count comes from
 * the IO layer's edge reports (`edgeCount`, any Firmata board) or from the chip itself (Seedline
 * firmware, `seedline-firmata.ts`). Rate comes from the pulses between two reads.
 */
export type FlowMeter = {
  /** Litres since the bridge started (monotonic). */
  litresTotal(): number;
  /** Litres per minute over the last `windowMs` (or since the first sample). */
  sampleLpm(now: number): number;
};

/** Counts rising edges of a digital pin as the IO layer reports them (Johnny-Five has no meter component). */
export function edgeCount(io: Io, pin: number): () => number {
  let pulses = 0;
  let last = 0;
  io.pinMode(pin, io.MODES.INPUT);
  io.digitalRead(pin, (value) => {
    if (value === 1 && last === 0) pulses++;
    last = value;
  });
  return () => pulses;
}

export function flowMeter(pulseCount: () => number, pulsesPerLitre: number, windowMs = 1_000): FlowMeter {
  // (time, pulse count) samples covering the window, oldest first.
  const history: { at: number; pulses: number }[] = [];
  return {
    litresTotal: () => pulseCount() / pulsesPerLitre,
    sampleLpm(now) {
      const pulses = pulseCount();
      history.push({ at: now, pulses });
      while (history.length > 2 && history[1]!.at <= now - windowMs) history.shift();
      const oldest = history[0]!;
      if (now <= oldest.at) return 0;
      return ((pulses - oldest.pulses) / pulsesPerLitre) * (60_000 / (now - oldest.at));
    },
  };
}
