import type { LiveEvent, LiveFeed } from './live-feed.server.ts';

// One open farm page's Server-Sent Events of a greenhouse: its events from the live feed as
// they come, and a comment line now and then that keeps proxies and phones from closing a quiet
// stream. At each of those, whether the reader may still read is asked again: a farmer logged out
// or deactivated stops receiving, and the browser's reconnection is refused by the area's guard.

export type LiveStreamOptions = {
  feed: Pick<LiveFeed, 'subscribe'>;
  greenhouseId: string;
  /** Ends the stream: the browser went away. */
  signal: AbortSignal;
  /** Whether the reader may still read (their session, looked at again). */
  stillAllowed: () => Promise<boolean>;
  heartbeatMs: number;
};

export function liveEventStream({ feed, greenhouseId, signal, stillAllowed, heartbeatMs }: LiveStreamOptions) {
  const encoder = new TextEncoder();
  let stop = (): void => undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const end = () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      };
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      // A phone that lost its signal comes back after 3 s (EventSource reconnects by itself).
      send('retry: 3000\n\n');
      const unsubscribe = feed.subscribe(greenhouseId, (event: LiveEvent) => {
        send(`event: ${event.type}\ndata: ${JSON.stringify(event.type === 'zones' ? event.zones : {})}\n\n`);
      });
      const heartbeat = setInterval(() => {
        stillAllowed().then((allowed) => (allowed ? send(': still here\n\n') : end()), end);
      }, heartbeatMs);
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      signal.addEventListener('abort', end);
    },
    cancel: () => stop(),
  });
}
