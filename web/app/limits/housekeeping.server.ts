import type { Db } from '@seedline/db';
import { pruneRateLimits } from './rate-limit.server.ts';

// Rows that only grow unless someone removes them: sessions past their expiry (a stolen cookie of
// one stays useless either way, but the table should not keep them), guest carts nobody came back
// to (their cookie lasts 30 days), and rate-limit counters whose window has closed.

/** A guest's cart is kept as long as its cookie lives. */
export const abandonedCartDays = 30;

export async function sweepStaleRows(db: Db, now = new Date()) {
  const [sessions, carts, rateLimits] = await Promise.all([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }).then((r) => r.count),
    db.cart
      .deleteMany({
        where: { userId: null, updatedAt: { lt: new Date(now.getTime() - abandonedCartDays * 86_400_000) } },
      })
      .then((r) => r.count),
    pruneRateLimits(db, now),
  ]);
  return { sessions, carts, rateLimits };
}

/** Sweeps every hour (and once at start), in the background of the web process. */
export function startHousekeeping(db: Db, everyMs = 3_600_000): () => void {
  const sweep = () =>
    sweepStaleRows(db)
      .then(({ sessions, carts }) => {
        if (sessions + carts > 0) console.log(`Removed ${sessions} expired session(s) and ${carts} abandoned cart(s)`);
      })
      .catch((error: unknown) => console.error('The housekeeping sweep failed', error));
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
