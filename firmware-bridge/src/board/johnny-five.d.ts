// The parts of Johnny-Five 2.1 this bridge uses, typed from its source (lib/board.js, relay.js,
// sensor.js, imu.js). The community typings describe an older API (Relay.on/off), so they are
// not used.
declare module 'johnny-five' {
  import { EventEmitter } from 'node:events';

  /** What firmata.js needs of a serial port: `path`, `write`, and `open`/`data`/`close` events. */
  type SerialLike = EventEmitter & {
    path: string;
    write(data: ArrayLike<number>, callback?: (error: Error | null) => void): boolean;
  };

  type BoardOptions = {
    io?: unknown;
    /** A serial device's path, or an object that acts as the serial port (lib/board.js Serial.connect). */
    port?: string | SerialLike;
    repl?: boolean;
    debug?: boolean;
    sigint?: boolean;
    timeout?: number;
  };

  class Board extends EventEmitter {
    constructor(options?: BoardOptions);
    io: import('./relays.ts').Io & EventEmitter;
    isReady: boolean;
  }

  class Relay {
    constructor(options: { board?: Board; pin: number | string; type?: 'NO' | 'NC' });
    open(): this;
    close(): this;
    readonly isClosed: boolean;
    readonly type: 'NO' | 'NC';
  }

  class Sensor extends EventEmitter {
    constructor(options: { board?: Board; pin: number | string; freq?: number; threshold?: number });
    readonly value: number;
    readonly raw: number;
    disable(): void;
  }

  class Multi extends EventEmitter {
    constructor(options: { board?: Board; controller: string; address?: number; freq?: number });
    readonly thermometer: { celsius: number };
    readonly hygrometer: { relativeHumidity: number };
  }

  const five: { Board: typeof Board; Relay: typeof Relay; Sensor: typeof Sensor; Multi: typeof Multi };
  export default five;
  export { Board, Multi, Relay, Sensor };
}
