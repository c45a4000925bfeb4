import net from 'node:net';
import type { GatewayConfig } from '../../config/schema.ts';
import { type EmulatedUno, startEmulatedUno } from './emulated-uno.ts';

export type EmulatedUnoServer = Omit<EmulatedUno, 'stop'> & {
  host: string;
  /** The TCP port it listens on (the one the OS picked when asked for 0). */
  port: number;
  /** Ends the connection, the listener and the chip. */
  close(): Promise<void>;
};

/**
 * The emulated Uno on a TCP port, as ser2net serves a real one: one host connection at a time is
 * the chip's serial line (a second is refused while the first lasts, as a serial port is opened
 * by one program). Opening a connection resets the chip as a USB Uno's DTR line does, unless
 * `resetOnConnect` is false; closing it leaves the chip running, as pulling a host's process
 * out of a still-plugged cable does.
 */
export async function serveEmulatedUno(options: {
  config: GatewayConfig;
  firmwareHex: string;
  host?: string;
  port?: number;
  resetOnConnect?: boolean;
  /** Told when a host connects, leaves (with the socket's error, if any) or is refused: for a log. */
  onHost?: (event: 'connected' | 'disconnected' | 'refused', remote: string, error?: string) => void;
}): Promise<EmulatedUnoServer> {
  const { host = '127.0.0.1', resetOnConnect = true, onHost } = options;
  const uno = startEmulatedUno(options);
  const { chip, transport } = uno;
  let current: net.Socket | null = null;

  const server = net.createServer((socket) => {
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    if (current) {
      socket.destroy();
      onHost?.('refused', remote);
      return;
    }
    current = socket;
    socket.setNoDelay(true);
    if (resetOnConnect) chip.reset();
    const toHost = (bytes: Buffer) => socket.write(bytes);
    transport.on('data', toHost);
    socket.on('data', (bytes) => transport.write(bytes));
    // A host that vanishes (a reset connection) ends like one that closes: the close follows.
    let error: string | undefined;
    socket.on('error', (e) => (error = e.message));
    socket.on('close', () => {
      transport.off('data', toHost);
      transport.close();
      current = null;
      onHost?.('disconnected', remote, error);
    });
    transport.open();
    onHost?.('connected', remote);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');

  return {
    ...uno,
    host,
    port: address.port,
    close() {
      current?.destroy();
      uno.stop();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
