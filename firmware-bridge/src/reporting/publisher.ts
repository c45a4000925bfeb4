import type { Outbox } from './outbox.ts';

/**
 * Drains the outbox to the broker: oldest first, one message in flight, acked only on PUBACK.
 *
 * One in flight, not a window: with several in flight, a failure of one while a later one
 * succeeds reorders them on the retry, and a window buys nothing we need — at a 50 ms round trip
 * one in flight still drains 20 messages/s, a day of backlog in a minute or two.
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
  onError?: (error: unknown, seq: number) => void;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
};

export type Publisher = {
  /** Retry now instead of after the backoff (call it when the connection comes back). */
  wake(): void;
  /** Stops after the send in flight, if any, settles. */
  stop(): Promise<void>;
};

export function createPublisher(options: PublisherOptions): Publisher {
  const { outbox, send } = options;
  const maxPerSecond = options.maxPerSecond ?? 50;
  if (!(maxPerSecond > 0)) throw new Error(`maxPerSecond must be positive, not ${maxPerSecond}`);
  // Evenly spaced starts: no 1-second window ever holds more than maxPerSecond sends, retries included.
  const spacingMs = 1000 / maxPerSecond;
  const backoffMs = options.backoffMs ?? 1000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const onError =
    options.onError ??
    ((error: unknown, seq: number) =>
      console.warn(`bridge: publishing message ${seq} failed, will retry: ${(error as Error).message}`));
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as NodeJS.Timeout));

  let stopped = false;
  // The one pending wait (rate, backoff or an empty outbox); wake() and stop() end it early.
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

  const loop = async () => {
    let nextStartAt = -Infinity;
    let failures = 0;
    while (!stopped) {
      const [entry] = outbox.peek(1);
      if (!entry) {
        await wait(null);
        continue;
      }
      if (now() < nextStartAt) {
        await wait(Math.ceil(nextStartAt - now()));
        continue; // re-check: a wake() may end the wait early, the rate still holds
      }
      nextStartAt = now() + spacingMs;
      try {
        await send(entry.topic, entry.payload);
      } catch (error) {
        failures += 1;
        onError(error, entry.seq);
        await wait(Math.min(maxBackoffMs, backoffMs * 2 ** (failures - 1)));
        continue;
      }
      failures = 0;
      try {
        outbox.ack(entry.seq);
      } catch (error) {
        // Delivered, and already gone from the outbox's memory: only the file lingers (see ack).
        onError(error, entry.seq);
      }
    }
  };

  const running = loop();

  return {
    wake: () => interrupt?.(),
    async stop() {
      stopped = true;
      unwatch();
      interrupt?.();
      await running;
    },
  };
}
