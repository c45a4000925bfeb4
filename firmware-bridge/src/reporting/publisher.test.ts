import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openOutbox } from './outbox.ts';
import { type Message } from './protocol.ts';
import { type Publisher, createPublisher } from './publisher.ts';
import { T0, event, telemetry, tempDir } from './testkit.ts';

type Attempt = { seq: number; topic: string; at: number; ok: boolean };

/**
 * A broker stand-in: records every publish attempt; `failures` says how many times a seq fails
 * first. Behind it, ingest's stand-in confirms each delivered message `confirmAfterMs` later,
 * except those in `lost` (ingest died holding them), as many times as listed.
 */
function broker(failures: Record<number, number> = {}, ingest: { confirmAfterMs?: number; lost?: number[] } = {}) {
  const attempts: Attempt[] = [];
  // A seq listed twice is lost twice.
  const lost = [...(ingest.lost ?? [])];
  let publisher: Publisher | undefined;
  const send = async (topic: string, payload: string) => {
    const seq = (JSON.parse(payload) as Message).seq;
    const failing = (failures[seq] ?? 0) > 0;
    if (failing) failures[seq]! -= 1;
    attempts.push({ seq, topic, at: Date.now(), ok: !failing });
    if (failing) throw new Error('connection lost');
    if (lost.includes(seq)) return void lost.splice(lost.indexOf(seq), 1);
    setTimeout(() => publisher?.confirm({ v: 1, series: '', seqs: [[seq, seq]] }), ingest.confirmAfterMs ?? 10);
  };
  const delivered = () => attempts.filter((a) => a.ok).map((a) => a.seq);
  const confirmTo = (p: Publisher) => (publisher = p);
  return { attempts, send, delivered, confirmTo };
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
    const { attempts, send, delivered, confirmTo } = broker();
    const publisher = confirmTo(createPublisher({ outbox, send, maxPerSecond: 50 }));
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
    const { attempts, send, delivered, confirmTo } = broker({ 2: 2 });
    const onError = vi.fn();
    const publisher = confirmTo(createPublisher({ outbox, send, backoffMs: 1_000, onError }));
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
    // Delivered but never confirmed: it goes again at the next start.
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('keeps a delivered message until ingest confirms it, and sends again what ingest lost', async () => {
    const outbox = filledOutbox(4);
    const { attempts, send, confirmTo } = broker({}, { lost: [2, 3] });
    const publisher = confirmTo(createPublisher({ outbox, send, confirmWithinMs: 5_000 }));
    await vi.advanceTimersByTimeAsync(1_000);
    // The broker has all four (PUBACK), ingest confirmed two: the other two wait in the outbox.
    expect(attempts.map((a) => a.seq)).toEqual([1, 2, 3, 4]);
    expect(outbox.peek(10).map((e) => e.seq)).toEqual([2, 3]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(attempts).toHaveLength(4);
    // 5 s after their send, the two go again, in order, and are confirmed this time.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(attempts.map((a) => a.seq)).toEqual([1, 2, 3, 4, 2, 3]);
    expect(outbox.size().messages).toBe(0);
    await publisher.stop();
  });

  it('waits for confirmations with maxUnconfirmed messages out, and sends again after twice as long each time', async () => {
    const outbox = filledOutbox(3);
    const { attempts, send, confirmTo } = broker({}, { lost: [1, 1] });
    const publisher = confirmTo(createPublisher({ outbox, send, confirmWithinMs: 1_000, maxUnconfirmed: 1 }));
    await vi.advanceTimersByTimeAsync(500);
    // One out and unconfirmed: nothing newer goes meanwhile.
    expect(attempts.map((a) => a.seq)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(attempts.map((a) => [a.seq, a.at - T0])).toEqual([
      [1, 0],
      [1, 1_000],
      [1, 3_000],
      [2, 3_020],
      [3, 3_040],
    ]);
    expect(outbox.size().messages).toBe(0);
    await publisher.stop();
  });

  it('ignores a confirmation of another series or of messages never sent', async () => {
    const outbox = filledOutbox(3);
    const { send } = broker({}, { lost: [1, 2, 3] });
    const publisher = createPublisher({ outbox, send, confirmWithinMs: 60_000 });
    await vi.advanceTimersByTimeAsync(100);
    expect(publisher.confirm({ v: 1, series: 'another-gateway', seqs: [[1, 3]] })).toBe(0);
    expect(publisher.confirm({ v: 1, series: '', seqs: [[2, 2]] })).toBe(1);
    expect(publisher.confirm({ v: 1, series: '', seqs: [[1, Number.MAX_SAFE_INTEGER]] })).toBe(2);
    expect(outbox.size().messages).toBe(0);
    await publisher.stop();
  });
});
