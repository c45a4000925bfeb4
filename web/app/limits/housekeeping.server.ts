import type { Db } from '@seedline/db';
import { repeatInBackground } from '../repeat.server.ts';
import { pruneSignupRequests } from '../auth/signup.server.ts';
import { pruneRateLimits } from './rate-limit.server.ts';

// Rows that only grow unless someone removes them: sessions past their expiry (a stolen cookie of
// one stays useless either way, but the table should not keep them), guest carts nobody came back
// to (their cookie lasts 30 days), sign-ups whose link expired, and rate-limit counters whose
// window has closed.

/** A guest's cart is kept as long as its cookie lives. */
export const abandonedCartDays = 30;

export async function sweepStaleRows(db: Db, now = new Date()) {
  const [sessions, carts, signups, rateLimits] = await Promise.all([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }).then((r) => r.count),
    db.cart
      .deleteMany({
        where: { userId: null, updatedAt: { lt: new Date(now.getTime() - abandonedCartDays * 86_400_000) } },
      })
      .then((r) => r.count),
    pruneSignupRequests(db, now),
    pruneRateLimits(db, now),
  ]);
  return { sessions, carts, signups, rateLimits };
}

/** Sweeps every hour (and once at start), in the background of the web process. */
export function startHousekeeping(db: Db, everyMs = 3_600_000): () => void {
  return repeatInBackground(
    'The housekeeping sweep',
    everyMs,
    async () => {
      const { sessions, carts } = await sweepStaleRows(db);
      if (sessions + carts > 0) console.log(`Removed ${sessions} expired session(s) and ${carts} abandoned cart(s)`);
    },
    { now: true },
  );
}
