import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOutbox } from './outbox.ts';
import { type Message } from './protocol.ts';
import { createPublisher } from './publisher.ts';
import { T0, event, telemetry, tempDir } from './testkit.ts';

type Attempt = { seq: number; topic: string; at: number; ok: boolean };

/** A broker stand-in: records every publish attempt; `failures` says how many times a seq fails first. */
function broker(failures: Record<number, number> = {}) {
  const attempts: Attempt[] = [];
  const send = async (topic: string, payload: string) => {
    const seq = (JSON.parse(payload) as Message).seq;
    const failing = (failures[seq] ?? 0) > 0;
    if (failing) failures[seq]! -= 1;
    attempts.push({ seq, topic, at: Date.now(), ok: !failing });
    if (failing) throw new Error('connection lost');
  };
  const delivered = () => attempts.filter((a) => a.ok).map((a) => a.seq);
  return { attempts, send, delivered };
}

function filledOutbox(count: number) {
  const outbox = openOutbox({ folder: tempDir() });
  for (let seq = 1; seq <= count; seq++)
    outbox.enqueue(seq % 3 === 0 ? event(seq, T0 + seq) : telemetry(seq, T0 + seq));
  return outbox;
}

describe('the publisher', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes in seq order and never more than maxPerSecond in any one-second window', async () => {
    const outbox = filledOutbox(230);
    const { attempts, send, delivered } = broker();
    const publisher = createPublisher({ outbox, send, maxPerSecond: 50 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts.length).toBeGreaterThanOrEqual(95);
    expect(attempts.length).toBeLessThanOrEqual(101);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(delivered()).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
    for (const a of attempts) {
      const inWindow = attempts.filter((b) => b.at >= a.at && b.at < a.at + 1_000);
      expect(inWindow.length).toBeLessThanOrEqual(50);
    }
    expect(outbox.size().messages).toBe(0);
    await publisher.stop();
  });

  it('retries a failed send with growing backoff, without duplicating or reordering', async () => {
    const outbox = filledOutbox(5);
    const { attempts, send, delivered } = broker({ 2: 2 });
    const onError = vi.fn();
    const publisher = createPublisher({ outbox, send, backoffMs: 1_000, onError });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(delivered()).toEqual([1, 2, 3, 4, 5]);
    const second = attempts.filter((a) => a.seq === 2);
    expect(second.map((a) => a.ok)).toEqual([false, false, true]);
    expect(second[1]!.at - second[0]!.at).toBe(1_000);
    expect(second[2]!.at - second[1]!.at).toBe(2_000);
    expect(attempts.filter((a) => a.seq === 3)).toHaveLength(1);
    expect(onError).toHaveBeenCalledTimes(2);
    expect(outbox.size().messages).toBe(0);
    await publisher.stop();
  });

  it('keeps a message in the outbox while its sends fail and sends nothing after it meanwhile', async () => {
    const outbox = filledOutbox(2);
    const { attempts, send } = broker({ 1: 1000 });
    const publisher = createPublisher({ outbox, send, backoffMs: 100, maxBackoffMs: 100, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([1, 2]);
    expect(new Set(attempts.map((a) => a.seq))).toEqual(new Set([1]));
    await publisher.stop();
  });

  it('retries at once when woken (the connection came back) instead of waiting out the backoff', async () => {
    const outbox = filledOutbox(1);
    const { attempts, send, delivered } = broker({ 1: 1 });
    const publisher = createPublisher({ outbox, send, backoffMs: 60_000, onError: () => undefined });
    await vi.advanceTimersByTimeAsync(100);
    publisher.wake();
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered()).toEqual([1]);
    expect(attempts[1]!.at).toBe(T0 + 100); // at the wake, not 60 s after the failure
    await publisher.stop();
  });

  it('sleeps while the outbox is empty and publishes what is enqueued later', async () => {
    const outbox = openOutbox({ folder: tempDir() });
    const { send, delivered } = broker();
    const publisher = createPublisher({ outbox, send });
    await vi.advanceTimersByTimeAsync(1_000);
    outbox.enqueue(telemetry(1, T0));
    await vi.advanceTimersByTimeAsync(0);
    expect(delivered()).toEqual([1]);
    await publisher.stop();
  });

  it('stops after the send in flight settles and publishes nothing more', async () => {
    const outbox = filledOutbox(3);
    let release: () => void = () => undefined;
    const sent: string[] = [];
    const send = (_topic: string, payload: string) =>
      new Promise<void>((resolve) => {
        sent.push(payload);
        release = resolve;
      });
    const publisher = createPublisher({ outbox, send });
    await vi.advanceTimersByTimeAsync(0);
    const stopped = publisher.stop();
    release();
    await stopped;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([2, 3]);
  });
});
