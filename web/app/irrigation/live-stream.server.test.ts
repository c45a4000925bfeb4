import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from './live-feed.server.ts';
import { liveEventStream } from './live-stream.server.ts';

// A farm page's live stream: events as they come, a heartbeat, and an end when the reader's
// session is gone (logged out, deactivated) or the browser leaves.

function fakeFeed() {
  const listeners = new Set<(event: LiveEvent) => void>();
  return {
    feed: {
      subscribe: (_id: string, listener: (event: LiveEvent) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    emit: (event: LiveEvent) => listeners.forEach((listener) => listener(event)),
    count: () => listeners.size,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) text += decoder.decode(read.value);
  return text;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a live stream', () => {
  it('sends events and heartbeats while the reader may read, and ends once their session is gone', async () => {
    const { feed, emit, count } = fakeFeed();
    let allowed = true;
    const stream = liveEventStream({
      feed,
      greenhouseId: 'g1',
      signal: new AbortController().signal,
      stillAllowed: async () => allowed,
      heartbeatMs: 1_000,
    });
    const text = readAll(stream);
    emit({ type: 'change' });
    await vi.advanceTimersByTimeAsync(1_000);
    allowed = false;
    await vi.advanceTimersByTimeAsync(1_000);
    emit({ type: 'change' });
    expect(await text).toBe('retry: 3000\n\nevent: change\ndata: {}\n\n: still here\n\n');
    expect(count()).toBe(0);
  });

  it('stops listening when the browser goes away', async () => {
    const { feed, count } = fakeFeed();
    const leave = new AbortController();
    const stream = liveEventStream({
      feed,
      greenhouseId: 'g1',
      signal: leave.signal,
      stillAllowed: async () => true,
      heartbeatMs: 1_000,
    });
    const text = readAll(stream);
    expect(count()).toBe(1);
    leave.abort();
    expect(await text).toBe('retry: 3000\n\n');
    expect(count()).toBe(0);
  });
});
