import { setTimeout as delay } from 'node:timers/promises';
import { type CpuUsed, cpuMeter } from './cpu.ts';
import { type RushSample, answered } from './latency.ts';
import type { Arrival } from './mix.ts';
import type { BenchServer } from './server.ts';
import { addForm, cartCookie } from './targets.ts';

// A steady rush: requests leave at the schedule's times whatever the server does (open loop, as
// wrk2 does), each on whatever keep-alive connection is free. Not autocannon's `overallRate`:
// autocannon 9 caps each connection at its share of the rate per second and sends that share
// back to back at the start of each second (bursts, not a rate), and its coordinated-omission
// correction takes `Math.ceil(1 / rate)` (1 ms) as the expected interval between requests.

export type RushResult = { samples: RushSample[]; cpu: CpuUsed; firstError?: string; maxLateMs: number };

const TIMEOUT_MS = 10_000;

export async function runRush(
  server: BenchServer,
  schedule: readonly Arrival[],
  database: string,
): Promise<RushResult> {
  const carts = new Map<number, Promise<string | undefined>>();
  const errors: string[] = [];
  const sent: Promise<RushSample>[] = [];
  let maxLateMs = 0;
  const meter = cpuMeter(() => server.cpuMs(), database);
  const start = performance.now();
  for (const arrival of schedule) {
    const wait = start + arrival.atMs - performance.now();
    if (wait > 0) await delay(wait);
    maxLateMs = Math.max(maxLateMs, performance.now() - start - arrival.atMs);
    const shopper = arrival.shopper;
    const before = shopper !== undefined && arrival.step ? carts.get(shopper) : undefined;
    const answer = send(server.url, arrival, start + arrival.atMs, before, errors);
    if (shopper !== undefined)
      carts.set(
        shopper,
        answer.then((a) => a.cookie),
      );
    sent.push(answer.then((a) => a.sample));
  }
  const samples = await Promise.all(sent);
  return { samples, cpu: meter(), firstError: errors[0], maxLateMs };
}

/** One request; a cart-add after a shopper's first waits for that shopper's cart cookie. */
async function send(
  baseUrl: string,
  arrival: Arrival,
  dueAt: number,
  cartBefore: Promise<string | undefined> | undefined,
  errors: string[],
): Promise<{ sample: RushSample; cookie?: string }> {
  const done = (status: number) => ({ kind: arrival.kind, status, latencyMs: performance.now() - dueAt });
  const cookie = await cartBefore;
  try {
    const response = await fetch(new URL(arrival.path, baseUrl), {
      ...(arrival.listingId ? cartAdd(arrival.listingId, cookie) : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
    if (!answered(response.status)) errors.push(`${arrival.path}: ${response.status}`);
    const set = cartCookie({ 'set-cookie': response.headers.getSetCookie() });
    return { sample: done(response.status), cookie: set ?? cookie };
  } catch (error) {
    errors.push(`${arrival.path}: ${String(error)}`);
    return { sample: done(0), cookie };
  }
}

/** The batch page's plain "Add to cart" form, as in the saturation run's cart-add target. */
function cartAdd(listingId: string, cookie: string | undefined): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: addForm(listingId),
  };
}
