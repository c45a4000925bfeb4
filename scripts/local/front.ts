// The front door of `npm run start:cluster`, standing in for the load balancer: one port that
// hands each new TCP connection to the next web process in turn (round robin). It spreads
// connections, not requests: a browser that keeps its connection open stays with one process
// until it opens another (an ALB spreads requests). A connection a process refuses (one that is
// restarting) goes to the next one, as a load balancer skips an unhealthy target.
import net from 'node:net';

export type Front = { url: string; close(): Promise<void> };

/** Connects `client` to one of `ports`, from `first` on, trying each at most once. */
function forward(client: net.Socket, ports: readonly number[], first: number, tried = 0) {
  if (tried === ports.length) return client.destroy();
  const port = ports[(first + tried) % ports.length]!;
  const upstream = net.connect({ host: '127.0.0.1', port });
  const refused = () => forward(client, ports, first, tried + 1);
  upstream.once('error', refused);
  upstream.once('connect', () => {
    upstream.off('error', refused);
    client.pipe(upstream).pipe(client);
    // Either side gone: the other goes too (a reset is no crash of the front).
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
}

/** Listens on 127.0.0.1:`port` and spreads connections over the web processes on `ports`. */
export async function startFront(port: number, ports: readonly number[]): Promise<Front> {
  let next = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    // Until connected upstream, a client's reset must not throw (an unhandled 'error' would).
    client.on('error', () => client.destroy());
    forward(client, ports, next);
    next = (next + 1) % ports.length;
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
  };
}
