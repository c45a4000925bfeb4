import http from 'node:http';
import { sseParser } from './sse.ts';

// The farm pages' streams, as many as a web process would hold: plain HTTP connections from this
// process to GET /farm/live/:greenhouseId with the farmer's session, each reading its events with
// the same rules as a browser's EventSource. Every `zones` event is handed on with the moment it
// was read (performance.now()) and the newest report time among its zones.

export type ZonesReceipt = { client: number; greenhouse: number; at: number; receivedMs: number };

export type LiveClients = {
  /** Streams open now (answered 200 and not closed since). */
  open(): number;
  /** `change` events, streams closed by the server or failed, and answers other than 200. */
  counts(): { changes: number; closed: number; refused: number };
  close(): void;
};

/**
 * Opens `count` streams, client i on greenhouse i mod greenhouses (an even spread), at most
 * `concurrency` connecting at once, and resolves when all are open (a stream is open once its first
 * bytes, the `retry:` line, have come: the server subscribed it before sending them).
 */
export async function openClients(options: {
  url: string;
  cookie: string;
  greenhouseIds: string[];
  count: number;
  concurrency: number;
  onZones: (receipt: ZonesReceipt) => void;
}): Promise<LiveClients> {
  const { greenhouseIds, count } = options;
  // Node's default agent would pool too; this one says the limit is the bench's, not a default's.
  const agent = new http.Agent({ keepAlive: false, maxSockets: count + 16 });
  const requests: http.ClientRequest[] = [];
  let open = 0;
  const counts = { changes: 0, closed: 0, refused: 0 };
  let closing = false;

  const connect = (client: number) =>
    new Promise<void>((resolve, reject) => {
      const greenhouse = client % greenhouseIds.length;
      const request = http.get(
        new URL(`/farm/live/${greenhouseIds[greenhouse]}`, options.url),
        { agent, headers: { Cookie: options.cookie, Accept: 'text/event-stream' } },
        (response) => {
          if (response.statusCode !== 200) {
            counts.refused += 1;
            response.resume();
            reject(new Error(`client ${client}: GET /farm/live answered ${response.statusCode}`));
            return;
          }
          response.setEncoding('utf8');
          let lastAt = -Infinity;
          const push = sseParser((event) => {
            if (event.type === 'change') counts.changes += 1;
            if (event.type !== 'zones') return;
            const receivedMs = performance.now();
            const zones = JSON.parse(event.data) as { at: string }[];
            const at = Math.max(...zones.map((z) => Date.parse(z.at)));
            // A stream hears each report once; an event that brings nothing newer is not a receipt.
            if (at <= lastAt) return;
            lastAt = at;
            options.onZones({ client, greenhouse, at, receivedMs });
          });
          let first = true;
          response.on('data', (chunk: string) => {
            if (first) {
              first = false;
              open += 1;
              resolve();
            }
            push(chunk);
          });
          response.on('close', () => {
            if (first) reject(new Error(`client ${client}: the stream closed before its first bytes`));
            else open -= 1;
            if (!closing) counts.closed += 1;
          });
        },
      );
      request.on('error', (error) => {
        if (!closing) reject(error);
      });
      requests.push(request);
    });

  const clients: LiveClients = {
    open: () => open,
    counts: () => ({ ...counts }),
    close() {
      closing = true;
      for (const request of requests) request.destroy();
      agent.destroy();
    },
  };
  try {
    let next = 0;
    const worker = async () => {
      while (next < count) await connect(next++);
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency, count) }, worker));
  } catch (error) {
    clients.close();
    throw error;
  }
  return clients;
}
