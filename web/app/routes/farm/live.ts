import type { LoaderFunctionArgs } from '@remix-run/node';
import { areaUser } from '../../auth/areas.server.ts';
import { userNow } from '../../auth/session.server.ts';
import { db } from '../../db.server.ts';
import { farmsOf } from '../../farm/scope.server.ts';
import { notFound } from '../../http.server.ts';
import { liveFeed } from '../../irrigation/live-feed.server.ts';
import { liveEventStream } from '../../irrigation/live-stream.server.ts';

// A greenhouse's live events as Server-Sent Events, for its open farm pages (useLiveGreenhouse):
// `zones` with the new live values, `change` when the page should reload its data. Another
// farm's greenhouse does not exist (404).

/** How often a quiet stream says it is still there, and the reader's session is looked at again. */
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
  const stream = liveEventStream({
    feed,
    greenhouseId: greenhouse.id,
    signal: request.signal,
    stillAllowed: () => userNow(request).then(Boolean),
    heartbeatMs: HEARTBEAT_MS,
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // Proxies that buffer (nginx) would hold the events back.
      'X-Accel-Buffering': 'no',
    },
  });
}
