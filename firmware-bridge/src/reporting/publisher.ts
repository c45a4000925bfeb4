import type { Outbox, OutboxEntry } from './outbox.ts';
import type { Confirmation } from './protocol.ts';

/**
 * Drains the outbox to the broker: oldest first, one message in flight. A message leaves the
 * outbox only when ingest confirms it is done with it (decision 038), not on the broker's PUBACK:
 * the PUBACK says the broker has it, and an ingest process that dies before it commits would lose
 * it. One not confirmed within `confirmWithinMs` is sent again (then after twice as long, up to
 * ten minutes); ingest, idempotent on (thing, series, seq), stores it once.
 *
 * One in flight, not a window: with several in flight, a failure of one while a later one
 * succeeds reorders them on the retry, and a window buys nothing we need — at a 50 ms round trip
 * one in flight still drains 20 messages/s, a day of backlog in a minute or two.
 *
 * What was sent and not yet confirmed is always the outbox's oldest messages: sends go in seq
 * order, new messages get higher seqs, and folding never touches what peek handed out. So
 * `peek(unconfirmed + 1)` is that prefix and the next message to send.
 */
export type PublisherOptions = {
  outbox: Outbox;
  /** Publishes at QoS 1; resolves on PUBACK, rejects on failure (the MQTT client rejects on disconnect). */
  send: (topic: string, payload: string) => Promise<void>;
  /** AWS IoT Core allows 100 publishes/s per connection; half leaves room for shadow traffic. */
  maxPerSecond?: number;
  /** First retry delay after a failed send; doubles per failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A message sent and not confirmed by ingest for this long (60 s) is sent again; then after twice as long. */
  confirmWithinMs?: number;
  /** At most this many messages sent and not yet confirmed (200); past it the publisher waits for ingest. */
  maxUnconfirmed?: number;
  onError?: (error: unknown, seq: number) => void;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export type Publisher = {
  /** Retry now instead of after the backoff (call it when the connection comes back). */
  wake(): void;
  /** Forgets the confirmed messages (ingest is done with them); returns how many left the outbox. */
  confirm(confirmation: Confirmation): number;
  /** Stops after the send in flight, if any, settles. */
  stop(): Promise<void>;
};

const MAX_RESEND_MS = 10 * 60_000;

/** When each message was last sent, and how many times, until ingest confirms it. */
type Sent = { at: number; times: number };

export function createPublisher(options: PublisherOptions): Publisher {
  const { outbox, send } = options;
  const maxPerSecond = options.maxPerSecond ?? 50;
  if (!(maxPerSecond > 0)) throw new Error(`maxPerSecond must be positive, not ${maxPerSecond}`);
  // Evenly spaced starts: no 1-second window ever holds more than maxPerSecond sends, retries included.
  const spacingMs = 1000 / maxPerSecond;
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const confirmWithinMs = options.confirmWithinMs ?? 60_000;
  const maxUnconfirmed = Math.max(1, options.maxUnconfirmed ?? 200);
  const onError =
    options.onError ??
    ((error: unknown, seq: number) =>
      console.warn(`bridge: publishing message ${seq} failed, will retry: ${(error as Error).message}`));
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout));

  let stopped = false;
  const sent = new Map<number, Sent>();
  // The one pending wait (rate, backoff, ingest's confirmation or an empty outbox); wake(), stop(),
  // an enqueue and a confirmation end it early.
  let interrupt: (() => void) | null = null;

  const wait = (ms: number | null) =>
    new Promise<void>((resolve) => {
      const handle = ms === null ? null : setTimer(done, ms);
      function done() {
        if (handle !== null) clearTimer(handle);
        interrupt = null;
        resolve();
      }
      interrupt = done;
    });

  const unwatch = outbox.watch(() => interrupt?.());
  const resendAt = (s: Sent) => s.at + Math.min(MAX_RESEND_MS, confirmWithinMs * 2 ** (s.times - 1));

  /** The message to send now, or how long to wait for one (null: until something happens). */
  const next = (): OutboxEntry | { waitMs: number | null } => {
    const head = outbox.peek(sent.size + 1);
    const overdue = head.find((e) => {
      const s = sent.get(e.seq);
      return s !== undefined && resendAt(s) <= now();
    });
    if (overdue) return overdue;
    const fresh = head.find((e) => !sent.has(e.seq));
    if (fresh && sent.size < maxUnconfirmed) return fresh;
    if (sent.size === 0) return { waitMs: null };
    const soonest = Math.min(...[...sent.values()].map(resendAt));
    return { waitMs: Math.max(1, soonest - now()) };
  };

  const loop = async () => {
    let nextStartAt = -Infinity;
    let failures = 0;
    while (!stopped) {
      const entry = next();
      if ('waitMs' in entry) {
        await wait(entry.waitMs);
        continue;
      }
      if (now() < nextStartAt) {
        await wait(Math.ceil(nextStartAt - now()));
        continue; // re-check: a wake() may end the wait early, the rate still holds
      }
      nextStartAt = now() + spacingMs;
      const before = sent.get(entry.seq);
      // Counted as sent from now: a confirmation may come before the PUBACK does.
      sent.set(entry.seq, { at: now(), times: (before?.times ?? 0) + 1 });
      try {
        await send(entry.topic, entry.payload);
      } catch (error) {
        // Not sent: back to where it was, so it goes again after the backoff, before anything newer.
        if (sent.has(entry.seq)) {
          if (before) sent.set(entry.seq, before);
          else sent.delete(entry.seq);
        }
        failures += 1;
        onError(error, entry.seq);
        await wait(Math.min(maxBackoffMs, backoffMs * 2 ** (failures - 1)));
        continue;
      }
      failures = 0;
    }
  };

  const confirm = (confirmation: Confirmation): number => {
    const within = (seq: number) => confirmation.seqs.some(([from, to]) => seq >= from && seq <= to);
    let forgotten = 0;
    // Only what was sent: the ranges come from outside and may be as wide as they like.
    for (const entry of outbox.peek(sent.size)) {
      if ((entry.message.series ?? '') !== confirmation.series || !within(entry.seq)) continue;
      sent.delete(entry.seq);
      try {
        if (outbox.ack(entry.seq)) forgotten += 1;
      } catch (error) {
        // Gone from the outbox's memory already: only the file lingers (see ack).
        onError(error, entry.seq);
      }
    }
    if (forgotten > 0) interrupt?.();
    return forgotten;
  };

  const running = loop();

  return {
    wake: () => interrupt?.(),
    confirm,
    async stop() {
      stopped = true;
      unwatch();
      interrupt?.();
      await running;
    },
  };
}
