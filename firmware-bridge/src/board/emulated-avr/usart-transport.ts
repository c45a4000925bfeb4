import { EventEmitter } from 'node:events';
import type { Atmega328p } from './atmega328p.ts';

/**
 * The chip's USART0 as the serial port Johnny-Five and firmata.js expect (`new five.Board({ port })`
 * with an object: the same code path as a real /dev/ttyACM0): `write` sends bytes to the chip's RX
 * line at the firmware's baud rate, and what the chip transmits comes out as `data` events.
 */
export type UsartTransport = EventEmitter & {
  readonly path: string;
  readonly isOpen: boolean;
  write(data: ArrayLike<number>, callback?: (error: Error | null) => void): boolean;
  /** Emits the bytes the chip sent since the last flush as one `data` event, as a serial port's read does. */
  flush(): void;
  /** The cable is plugged in: firmata.js hears `open` (its `connect`). */
  open(): void;
  close(): void;
  /**
   * The host goes silent (`true`): what it writes no longer reaches the chip, as when the bridge's
   * process is killed while the USB cable stays in. The chip runs on.
   */
  silence(silent: boolean): void;
};

export function usartTransport(chip: Atmega328p, path = 'emulated-atmega328p'): UsartTransport {
  const toChip: number[] = [];
  let fromChip: number[] = [];
  let isOpen = false;
  let silent = false;
  const emitter = new EventEmitter();

  // The USART takes one byte per character time; the next is offered when the chip has it.
  const feed = () => {
    const next = toChip[0];
    if (next !== undefined && chip.usart.writeByte(next)) toChip.shift();
  };
  chip.usart.onRxComplete = feed;
  chip.usart.onByteTransmit = (value) => {
    if (isOpen) fromChip.push(value);
  };

  return Object.assign(emitter, {
    path,
    get isOpen() {
      return isOpen;
    },
    write(data: ArrayLike<number>, callback?: (error: Error | null) => void) {
      if (!silent) toChip.push(...Array.from(data));
      feed();
      // A serial port calls back once the bytes are handed to the driver, never synchronously.
      if (callback) process.nextTick(callback, null);
      return true;
    },
    flush() {
      // Before the firmware has enabled its receiver a byte cannot go in; try again each step.
      feed();
      if (fromChip.length === 0) return;
      const bytes = Buffer.from(fromChip);
      fromChip = [];
      emitter.emit('data', bytes);
    },
    open() {
      // A new host starts clean: nothing the last one wrote reaches the chip after this.
      toChip.length = 0;
      isOpen = true;
      emitter.emit('open');
    },
    close() {
      isOpen = false;
      // What the host wrote before closing still goes in, as a tty drains its output on close and
      // ser2net passes on what it received: a bridge's last safe state reaches the chip.
      emitter.emit('close');
    },
    silence(next: boolean) {
      silent = next;
    },
  });
}
