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
  // autocannon drops its connections at the end, but the server still finishes what it was
  // given: let it, so what comes next and the cart count do not race those requests.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return results;
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
