import { batchPath } from './targets.ts';

// The rush's traffic, decided before it starts: when each request leaves and what it asks for.
// Fixed in advance so the sender is open-loop (a slow answer does not delay the next arrival) and
// two runs of the same shop send the same requests.

export type RushKind = 'catalogue' | 'batch' | 'cart-add';

export type Arrival = {
  /** When it is due, ms after the rush starts. */
  atMs: number;
  kind: RushKind;
  path: string;
  /** Cart-adds: whose cart, and which of that shopper's adds (0 makes the cart). */
  shopper?: number;
  step?: number;
  listingId?: string;
};

/** A harvest-day publish: people open the catalogue and the batches, some buy. */
export const HARVEST_MIX: Record<RushKind, number> = { catalogue: 0.4, batch: 0.4, 'cart-add': 0.2 };

export const RUSH_KINDS: readonly RushKind[] = ['catalogue', 'batch', 'cart-add'];

export function rushSchedule(options: {
  rate: number;
  seconds: number;
  /** Every batch on sale: the batch-page arrivals go through them in turn. */
  lotCodes: readonly string[];
  /** Each shopper adds one unit of each of these, in order. */
  listingIds: readonly string[];
  mix?: Record<RushKind, number>;
}): Arrival[] {
  const { rate, seconds, lotCodes, listingIds, mix = HARVEST_MIX } = options;
  if (lotCodes.length === 0 || listingIds.length === 0) throw new Error('the rush needs batches and listings on sale');
  const kinds = interleave(mix, Math.round(rate * seconds));
  const counts: Record<RushKind, number> = { catalogue: 0, batch: 0, 'cart-add': 0 };
  return kinds.map((kind, index) => {
    // Evenly spaced: a steady rush. Real arrivals bunch up more (Poisson); this is the kinder case.
    const atMs = (index * 1000) / rate;
    const n = counts[kind]++;
    if (kind === 'catalogue') return { atMs, kind, path: '/' };
    if (kind === 'batch') return { atMs, kind, path: batchPath(lotCodes[n % lotCodes.length]!) };
    const step = n % listingIds.length;
    return {
      atMs,
      kind,
      path: '/cart',
      shopper: Math.floor(n / listingIds.length),
      step,
      listingId: listingIds[step]!,
    };
  });
}

/**
 * `total` kinds in the mix's shares, spread out: each next one is the kind furthest behind its
 * share so far (ties to the first listed), so every stretch of the rush has the same mix.
 */
export function interleave(mix: Record<RushKind, number>, total: number): RushKind[] {
  const present = RUSH_KINDS.filter((kind) => mix[kind] > 0);
  const sum = present.reduce((s, kind) => s + mix[kind], 0);
  if (present.length === 0) throw new Error('the mix has no kind with a share');
  const made: Record<RushKind, number> = { catalogue: 0, batch: 0, 'cart-add': 0 };
  const kinds: RushKind[] = [];
  for (let i = 1; i <= total; i++) {
    const lag = (kind: RushKind) => (mix[kind] / sum) * i - made[kind];
    // Strictly greater (with a little room for rounding), so a tie goes to the first listed.
    const next = present.reduce((best, kind) => (lag(kind) > lag(best) + 1e-9 ? kind : best));
    made[next]++;
    kinds.push(next);
  }
  return kinds;
}
