declare module 'mock-firmata' {
  import { EventEmitter } from 'node:events';
  export class Firmata extends EventEmitter {
    constructor(options?: object);
    [method: string]: unknown;
    digitalWrite: (pin: number, value: number) => void;
    analogRead: (pin: number, callback: (value: number) => void) => void;
    digitalRead: (pin: number, callback: (value: number) => void) => void;
  }
  const mock: { Firmata: typeof Firmata };
  export default mock;
}
