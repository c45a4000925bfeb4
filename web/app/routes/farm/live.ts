import type { LoaderFunctionArgs } from '@remix-run/node';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { farmsOf } from '../../farm/scope.server.ts';
import { notFound } from '../../http.server.ts';
import { type LiveEvent, liveFeed } from '../../irrigation/live-feed.server.ts';

// A greenhouse's live events as Server-Sent Events, for its open farm pages (useLiveGreenhouse):
// `zones` with the new live values, `change` when the page should reload its data. Another
// farm's greenhouse does not exist (404).

/** A comment line now and then keeps proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

export async function loader({ context, params, request }: LoaderFunctionArgs) {
  const greenhouse = await db().greenhouse.findFirst({
    where: { id: params.greenhouseId ?? '', farm: farmsOf(areaUser(context)) },
    select: { id: true },
  });
  if (!greenhouse) notFound('No such greenhouse');
  const feed = liveFeed();
  // Without a feed the page works as before: it shows what it loaded, and the farmer reloads.
  if (!feed) return new Response(null, { status: 204 });

  const encoder = new TextEncoder();
  let stop = () => undefined as void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      // A phone that lost its signal comes back after 3 s (EventSource reconnects by itself).
      send('retry: 3000\n\n');
      const unsubscribe = feed.subscribe(greenhouse.id, (event: LiveEvent) => {
        send(`event: ${event.type}\ndata: ${JSON.stringify(event.type === 'zones' ? event.zones : {})}\n\n`);
      });
      const heartbeat = setInterval(() => send(': still here\n\n'), HEARTBEAT_MS);
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // Already closed by the other side.
        }
      });
    },
    cancel: () => stop(),
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies that buffer (nginx) would hold the events back.
      'X-Accel-Buffering': 'no',
    },
  });
}
