import type { Db } from '@seedline/db';
import { mailDir } from '../app/checkout/settings.server.ts';
import type { Env } from '../app/env.server.ts';
import { startHousekeeping } from '../app/limits/housekeeping.server.ts';
import { startAlarmNotices } from '../app/notify/worker.server.ts';
import {
  type EmailOutbox,
  previewTransport,
  smtpTransport,
  startEmailOutbox,
} from '../app/orders/email-outbox.server.ts';
import { startRefundRetries } from '../app/orders/refunds.server.ts';
import { startOrderSweep } from '../app/orders/sweep.server.ts';

export type Background = {
  outbox: EmailOutbox;
  /** Stops the timers; resolves once the email in hand is sent. */
  stop(): Promise<void>;
};

/**
 * The web app's work on timers (with `now`, a round of each at once: a worker process that starts
 * after a deploy catches up without waiting a minute): in the process that runs them (the only process, a cluster's
 * primary: cluster.ts, or each worker process: roles.ts). Several copies may run at once: each job
 * claims its items (the email and notice outboxes with FOR UPDATE SKIP LOCKED and a lease, refunds
 * with a conditional lease) or changes them by conditional updates (an order cancels once, an
 * offline alarm opens once, a reminder round is queued once: decision 033).
 */
export function startBackground(db: Db, env: Env, options: { now?: boolean } = {}): Background {
  // Orders whose hold ran out unpaid are cancelled on a timer, as well as when they are read.
  const stopSweep = startOrderSweep(db, options);
  // Expired sessions, abandoned guest carts and closed rate-limit windows, every hour.
  const stopHousekeeping = startHousekeeping(db);
  // Card refunds the shop owes and Stripe has not made yet, asked again every minute.
  const stopRefunds = startRefundRetries(db, options);
  // Bridges offline for 15 minutes become alarms, open alarms are reminded, and alarm notices are
  // sent (Web Push, Zalo, email): notify/.
  const stopAlarmNotices = startAlarmNotices(db, env, options);
  const { SMTP_URL, MAIL_FROM } = env;
  const outbox = startEmailOutbox({
    db,
    transport: SMTP_URL ? smtpTransport(SMTP_URL, MAIL_FROM) : previewTransport(mailDir(env)),
  });
  return {
    outbox,
    async stop() {
      stopSweep();
      stopHousekeeping();
      stopRefunds();
      stopAlarmNotices();
      await outbox.stop();
    },
  };
}
