import type { AVRIOPort } from 'avr8js';
import type { Atmega328p } from './atmega328p.ts';

/**
 * Where an Arduino Uno pin lives on the ATmega328P: D0–D7 are port D, D8–D13 port B, A0–A5
 * (D14–D19) port C, and A0–A5 are also ADC channels 0–5.
 */
export function unoPin(chip: Atmega328p, pin: number): { port: AVRIOPort; bit: number } {
  if (!Number.isInteger(pin) || pin < 0 || pin > 19) throw new Error(`no pin ${pin} on an Arduino Uno`);
  if (pin < 8) return { port: chip.ports.D, bit: pin };
  if (pin < 14) return { port: chip.ports.B, bit: pin - 8 };
  return { port: chip.ports.C, bit: pin - 14 };
}

/** The ADC channel of an analog pin name as the gateway config writes it ("A0"–"A5"). */
export function adcChannel(pin: string): number {
  const match = /^A([0-5])$/.exec(pin);
  if (!match) throw new Error(`${pin} is not an analog input of an Arduino Uno (A0–A5)`);
  return Number(match[1]);
}
