import { percentile } from '../report.ts';
import type { RushKind } from './mix.ts';

// What the rush's shoppers waited: each request from the moment it was due (not the moment it
// left: a sender that falls behind would otherwise hide the wait) to the last byte of its answer.

export type RushSample = {
  kind: RushKind;
  latencyMs: number;
  /** HTTP status, or 0 when there was no answer (socket error, timeout). */
  status: number;
};

export type LatencyFigures = {
  count: number;
  failed: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
};

/** Failed requests stay in the percentiles with the time they took: a timeout is a long wait. */
export function latencyFigures(samples: readonly RushSample[]): LatencyFigures {
  const latencies = samples.map((s) => s.latencyMs);
  return {
    count: samples.length,
    failed: samples.filter((s) => !answered(s.status)).length,
    p50Ms: percentile(latencies, 0.5),
    p90Ms: percentile(latencies, 0.9),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.length === 0 ? NaN : Math.max(...latencies),
  };
}

export function latencyByKind(samples: readonly RushSample[]): Record<RushKind | 'all', LatencyFigures> {
  const of = (kind: RushKind) => latencyFigures(samples.filter((s) => s.kind === kind));
  return {
    all: latencyFigures(samples),
    catalogue: of('catalogue'),
    batch: of('batch'),
    'cart-add': of('cart-add'),
  };
}

/** How the requests ended, by status ("no answer" for a socket error or a timeout): why they failed. */
export function statusCounts(samples: readonly RushSample[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of samples) {
    const key = status === 0 ? 'no answer' : String(status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** 2xx and 3xx: the page or the cart-add's redirect, what a shopper wanted. */
export const answered = (status: number) => status >= 200 && status < 400;
