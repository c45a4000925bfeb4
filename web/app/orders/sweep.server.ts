import type { Db } from '@seedline/db';
import { repeatInBackground } from '../repeat.server.ts';
import { expireOverdueOrders } from './lifecycle.server.ts';

/**
 * Cancels orders whose hold ran out, every minute. Expired holds already count for nothing when
 * stock is read; the sweep makes the order itself say so, for the buyer and the back office.
 */
export function startOrderSweep(db: Db, options: { everyMs?: number; now?: boolean } = {}): () => void {
  return repeatInBackground(
    'The order sweep',
    options.everyMs ?? 60_000,
    async () => {
      const count = await expireOverdueOrders(db, new Date());
      if (count > 0) console.log(`Cancelled ${count} order(s) whose hold ran out unpaid`);
    },
    { now: options.now },
  );
}
