import { setTimeout as delay } from 'node:timers/promises';
import type { WebBenchArgs } from './args.ts';
import { type TargetResult, loadTarget } from './load.ts';
import type { BenchServer } from './server.ts';
import { type Target, benchTargets } from './targets.ts';
import type { ShopTargets } from './database.ts';

// Throughput at saturation: each target in turn under the same closed-loop load (autocannon).

export async function saturate(
  server: BenchServer,
  shop: ShopTargets,
  options: WebBenchArgs & { database: string },
): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  const targets: Target[] = benchTargets(shop);
  for (const target of targets) {
    console.log(`- ${target.label}: running…`);
    results.push(await loadTarget(server, target, options));
  }
  await quiet(server);
  return results;
}

/**
 * autocannon drops its connections at the end, but the server still finishes what it was given
 * (seconds of it on a busy machine): wait until it is idle, so the rush and the cart count that
 * follow do not race those requests. Idle: under 10 % of a core for half a second.
 */
async function quiet(server: BenchServer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let before = server.cpuMs();
  do {
    await delay(500);
    const now = server.cpuMs();
    if (before === null || now === null) return delay(1_500); // no /proc: a fixed pause instead
    if (now - before < 50) return;
    before = now;
  } while (Date.now() < deadline);
}

/** Failed requests, and cart-adds answered 2xx/3xx that left no units in carts. */
export function saturationProblems(results: TargetResult[], unitsInCarts: number): string[] {
  const problems: string[] = [];
  for (const r of results) {
    if (r.failed > 0) problems.push(`${r.label}: ${r.failed} failed requests (statuses ${JSON.stringify(r.statuses)})`);
  }
  const cartOk = results.find((r) => r.name === 'cart-add')?.ok ?? 0;
  // Warm-up, the checks and the rush add too, and requests cut off at the end may still have been stored.
  if (unitsInCarts < cartOk) problems.push(`${unitsInCarts} units in carts but ${cartOk} cart-adds answered 2xx/3xx`);
  return problems;
}
