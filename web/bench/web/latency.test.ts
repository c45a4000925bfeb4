import { describe, expect, it } from 'vitest';
import { type RushSample, latencyByKind, statusCounts } from './latency.ts';

describe('rush latency figures', () => {
  const samples: RushSample[] = [
    ...Array.from({ length: 99 }, (_, i): RushSample => ({ kind: 'catalogue', latencyMs: i + 1, status: 200 })),
    { kind: 'batch', latencyMs: 10_000, status: 0 },
    { kind: 'cart-add', latencyMs: 5, status: 302 },
  ];

  it('gives p50, p90 and p99 by nearest rank over all requests, failures kept with their wait', () => {
    const { all } = latencyByKind(samples);
    expect(all).toMatchObject({ count: 101, failed: 1, p50Ms: 50, p90Ms: 90, p99Ms: 99, maxMs: 10_000 });
  });

  it('gives each kind its own figures, a redirect answered being no failure', () => {
    const byKind = latencyByKind(samples);
    expect(byKind.batch).toMatchObject({ count: 1, failed: 1, p99Ms: 10_000 });
    expect(byKind['cart-add']).toMatchObject({ count: 1, failed: 0, p50Ms: 5 });
    expect(byKind.catalogue.p99Ms).toBe(99);
  });

  it('counts how the requests ended, a socket error or timeout as no answer', () => {
    expect(statusCounts(samples)).toEqual({ 200: 99, 302: 1, 'no answer': 1 });
  });
});
