import type { Worker } from 'node:cluster';
import { z } from 'zod';
import type { EmailOutbox } from '../app/orders/email-outbox.server.ts';
import type { DesiredPublisher } from '../app/irrigation/shadow-link.server.ts';

// What an HTTP worker asks of the cluster's primary, which holds the single things (cluster.ts):
// the email outbox (sent now, not at its next round) and ingest's MQTT link to the greenhouses'
// shadows (a farm control from any worker). Messages cross a process boundary: checked with zod.

const fromWorker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kick-email') }),
  z.object({
    kind: z.literal('publish-desired'),
    id: z.number().int(),
    thing: z.string(),
    desired: z.record(z.string(), z.unknown()),
  }),
]);

const fromPrimary = z.object({ kind: z.literal('published'), id: z.number().int(), error: z.string().optional() });

type Send = (message: unknown) => void;

/** The worker's side: an outbox whose kick reaches the primary's, and a publisher through the primary's ingest. */
export function workerLink(send: Send, onMessage: (listener: (message: unknown) => void) => void) {
  const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let next = 0;
  onMessage((message) => {
    const reply = fromPrimary.safeParse(message);
    if (!reply.success) return;
    const waiter = waiting.get(reply.data.id);
    waiting.delete(reply.data.id);
    if (reply.data.error === undefined) waiter?.resolve();
    else waiter?.reject(new Error(reply.data.error));
  });
  const publishDesired: DesiredPublisher = (thing, desired) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      send({ kind: 'publish-desired', id, thing, desired });
    });
  const outbox: EmailOutbox = { kick: () => send({ kind: 'kick-email' }), stop: async () => undefined };
  return { publishDesired, outbox };
}

/** The primary's side: does what a worker asked, and answers a publish with its outcome. */
export function answerWorker(
  worker: Pick<Worker, 'send'>,
  message: unknown,
  singles: { outbox?: EmailOutbox; publishDesired?: DesiredPublisher },
): void {
  const request = fromWorker.safeParse(message);
  if (!request.success) return;
  if (request.data.kind === 'kick-email') return singles.outbox?.kick();
  const { id, thing, desired } = request.data;
  const publish = singles.publishDesired;
  if (!publish) return void worker.send({ kind: 'published', id, error: 'no link to the broker' });
  publish(thing, desired).then(
    () => worker.send({ kind: 'published', id }),
    (error: unknown) =>
      worker.send({ kind: 'published', id, error: error instanceof Error ? error.message : String(error) }),
  );
}
