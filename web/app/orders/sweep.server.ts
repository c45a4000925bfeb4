import type { Db } from '@seedline/db';
import { expireOverdueOrders } from './lifecycle.server.ts';

/**
 * Cancels orders whose hold ran out, every minute. Expired holds already count for nothing when
 * stock is read; the sweep makes the order itself say so, for the buyer and the back office.
 */
export function startOrderSweep(db: Db, everyMs = 60_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireOverdueOrders(db, new Date())
      .then((count) => {
        if (count > 0) console.log(`Cancelled ${count} order(s) whose hold ran out unpaid`);
      })
      .catch((error: unknown) => console.error('The order sweep failed', error))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
