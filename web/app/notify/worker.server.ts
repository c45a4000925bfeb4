import type { Db } from '@seedline/db';
import type { Env } from '../env.server.ts';
import { startAlarmSweep } from './alarms.server.ts';
import { emailSender } from './email.server.ts';
import { type Senders, startNotificationWorker } from './outbox.server.ts';
import { pushSender } from './push.server.ts';
import { reminderHours, vapidKeys, zaloSettings } from './settings.server.ts';
import { zaloSender } from './zalo.server.ts';

/** The channels as the environment configures them. */
export function configuredSenders(e: Env): Senders {
  return { push: pushSender(vapidKeys(e), e.PUBLIC_URL), zalo: zaloSender(zaloSettings(e)), email: emailSender() };
}

/** Alarm notices in the background of a web process: the offline and reminder sweep, and the sender. */
export function startAlarmNotices(db: Db, e: Env, options: { now?: boolean } = {}): () => void {
  const stopSweep = startAlarmSweep(db, reminderHours(e), options);
  const stopWorker = startNotificationWorker({ db, senders: configuredSenders(e), now: options.now });
  return () => {
    stopSweep();
    stopWorker();
  };
}
