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
  const { port, bit } = unoPin(chip, pin);
  let position = 0; // pulses
  port.setPin(bit, false);
  return {
    flow(lpm, seconds, cycles) {
      if (lpm <= 0) return;
      const pulses = (lpm / 60) * pulsesPerLitre * seconds;
      const perCycle = pulses / cycles;
      // Each half pulse is an edge: high at k + ½, low at k + 1.
      for (let half = Math.floor(position * 2) + 1; half / 2 <= position + pulses; half++) {
        const at = Math.max(0, Math.round((half / 2 - position) / perCycle));
        const high = half % 2 === 1;
        chip.cpu.addClockEvent(() => port.setPin(bit, high), at);
      }
      position += pulses;
    },
    litres: () => position / pulsesPerLitre,
  };
}
