import { EventEmitter } from 'node:events';
import net from 'node:net';
import { z } from 'zod';

/**
 * Where the bridge finds its board: a serial device (`/dev/ttyACM0`, `COM3`), or a TCP address
 * (`tcp://HOST:PORT`) where ser2net on a gateway, or the emulated Uno, serves the serial line.
 */
export type BoardPort = { kind: 'serial'; path: string } | { kind: 'tcp'; host: string; port: number };

const TCP_PREFIX = 'tcp://';

export const boardPortSchema = z
  .string()
  .min(1)
  .transform((text, ctx): BoardPort => {
    if (!text.startsWith(TCP_PREFIX)) return { kind: 'serial', path: text };
    const match = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]]+):(\d{1,5})$/.exec(text);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65_535) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a serial device or tcp://HOST:PORT (port 1–65535), not ${text}`,
      });
      return z.NEVER;
    }
    return { kind: 'tcp', host: match[1]!.replace(/^\[|\]$/g, ''), port };
  });

/**
 * A TCP connection as the serial port object firmata.js takes (`new five.Board({ port })`): it
 * writes with `write`, reads `data` events and hears `open` and `close`. Errors are not emitted:
 * a refused or broken connection ends in `close`, and `onEnd` says why, once.
 */
export type TcpPort = EventEmitter & {
  readonly path: string;
  readonly isOpen: boolean;
  write(data: Buffer, callback?: (error: Error | null) => void): boolean;
  /** Called once when the connection fails or ends, with the reason. */
  onEnd(listener: (reason: string) => void): void;
  close(): void;
};

export function openTcpPort(host: string, port: number): TcpPort {
  const path = `${TCP_PREFIX}${host.includes(':') ? `[${host}]` : host}:${port}`;
  const emitter = new EventEmitter();
  const socket = net.connect({ host, port });
  let isOpen = false;
  let error: Error | null = null;
  socket.setNoDelay(true);
  // A gateway link that dies silently (a cable pulled between Pi and ser2net box) ends after about a minute.
  socket.setKeepAlive(true, 10_000);
  socket.on('connect', () => {
    isOpen = true;
    emitter.emit('open');
  });
  socket.on('data', (bytes) => emitter.emit('data', bytes));
  socket.on('error', (e) => (error = e));
  socket.on('close', () => {
    const wasOpen = isOpen;
    isOpen = false;
    const reason = error?.message ?? (wasOpen ? 'the other end closed the connection' : 'the connection closed');
    emitter.emit('end', reason);
    emitter.emit('close');
  });
  return Object.assign(emitter, {
    path,
    get isOpen() {
      return isOpen;
    },
    write(data: Buffer, callback?: (error: Error | null) => void) {
      if (!isOpen) {
        // As a closed serial port does: the bytes go nowhere, the caller hears why.
        if (callback) process.nextTick(callback, new Error(`${path} is not open`));
        return false;
      }
      return socket.write(data, (e) => callback?.(e ?? null));
    },
    onEnd(listener: (reason: string) => void) {
      emitter.once('end', listener);
    },
    close: () => void socket.end(),
  });
}
