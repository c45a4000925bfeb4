import type { Atmega328p } from './atmega328p.ts';
import { unoPin } from './uno-pins.ts';

/**
 * A pulse flow meter's output on an input pin. The rotor turns with the water: its position is
 * counted in pulses, and the output is high through the second half of each pulse (a square wave,
 * as a hall meter gives). It starts at rest with the output low, so the host counts a rising edge
 * once half a pulse's water has passed: the count is the water rounded to a whole pulse.
 */
export type PulseTrain = {
  /** Water at `lpm` for the next `seconds` (= `cycles`): schedules the output's edges at their cycles. */
  flow(lpm: number, seconds: number, cycles: number): void;
  /** Litres that have passed through the meter. */
  litres(): number;
};

export function pulseTrain(chip: Atmega328p, pin: number, pulsesPerLitre: number): PulseTrain {
  let position = 0; // pulses
  let level = false;
  // The port is looked up at each edge: a reset gives the chip new ports (`atmega328p.ts`).
  const output = (high: boolean) => {
    level = high;
    const { port, bit } = unoPin(chip, pin);
    port.setPin(bit, high);
  };
  output(false);
  // The meter is outside the chip: its output keeps its level through a reset.
  chip.onReset(() => output(level));
  return {
    flow(lpm, seconds, cycles) {
      if (lpm <= 0) return;
      const pulses = (lpm / 60) * pulsesPerLitre * seconds;
      const perCycle = pulses / cycles;
      // Each half pulse is an edge: high at k + ½, low at k + 1.
      for (let half = Math.floor(position * 2) + 1; half / 2 <= position + pulses; half++) {
        const at = Math.max(0, Math.round((half / 2 - position) / perCycle));
        const high = half % 2 === 1;
        chip.cpu.addClockEvent(() => output(high), at);
      }
      position += pulses;
    },
    litres: () => position / pulsesPerLitre,
  };
}
