import { randomUUID } from 'node:crypto';
import { type Db, type Tx, inTransaction } from '@seedline/db';
import { repeatInBackground } from '../repeat.server.ts';
import type { NoticeEvent, NoticePayload } from './notice.ts';
import type { Channel } from './queue.server.ts';

// The notification outbox's worker. Rows are written with their alarm (queue.server.ts); a worker
// claims the due ones, sends each through its channel, and marks it sent; a failure is tried again
// with a growing wait, and after MAX_ATTEMPTS the row is marked FAILED with its last error, and
// logged.
//
// Several web processes run a worker each. A claim is one statement: it picks due rows with
// `FOR UPDATE SKIP LOCKED` (rows another worker is claiming at that instant are skipped, not
// waited for), and marks them SENDING with this claim's token and a lease (nextAttemptAt = now +
// LEASE_MS). A claimed row is due again only when its lease runs out: a worker killed mid-send
// leaves its rows to be claimed again then. Only the claim's token marks a row sent or failed, so
// a worker whose lease ran out cannot overwrite the claim that followed.
//
// Exactly once, honestly: this is at-least-once delivery with a narrow window. A notice is sent
// twice only if its worker dies (or its database goes) between the channel accepting it and the
// "sent" commit, which is milliseconds; a slow channel cannot cause it, because every send gives up
// (SEND_TIMEOUT_MS) long before the lease runs out. The channels shrink what is left: a Web Push
// message carries the notice's id as its Topic (the push service replaces an undelivered message
// of the same topic) and the alarm as its tag (the phone replaces a shown notice of the same tag,
// never shows two); Zalo gets the notice's id as tracking_id, to reconcile with its delivery log;
// an email is put in the email outbox in the same transaction that marks the notice sent, so it is
// queued exactly once.

export const MAX_ATTEMPTS = 8;
export const LEASE_MS = 2 * 60_000;
export const SEND_TIMEOUT_MS = 20_000;

/** Wait before attempt n + 1 (after n failures): 30 s, 1 min, 2, 4 … capped at 1 h. */
export function retryDelayMs(failures: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, failures - 1));
}

export type ClaimedNotice = {
  id: string;
  userId: string;
  channel: Channel;
  alarmId: string;
  event: NoticeEvent;
  /** Attempts so far, this one included. */
  attempts: number;
  claimToken: string;
  payload: NoticePayload;
};

/** What a channel does with a notice; it throws when the notice did not go (NoticeRefused: never will). */
export type ChannelSender = (
  notice: ClaimedNotice,
  db: Db,
) => Promise<void | {
  /** Runs in the transaction that marks the notice sent (the email channel queues its email here). */
  onSent?: (tx: Tx) => Promise<unknown>;
}>;

export type Senders = Record<Channel, ChannelSender>;

/** A failure that trying again cannot mend (no device subscribed, a channel not configured): given up at once. */
export class NoticeRefused extends Error {
  override name = 'NoticeRefused';
}

/** Claims up to `limit` due notices for this worker (see above). */
export async function claimDueNotices(db: Db, now: Date, limit = 20): Promise<ClaimedNotice[]> {
  const token = randomUUID();
  const lease = new Date(now.getTime() + LEASE_MS);
  const rows = await db.$queryRaw<Omit<ClaimedNotice, 'claimToken'>[]>`
    UPDATE "Notification" AS n
    SET "status" = 'SENDING', "claimToken" = ${token}, "attempts" = n."attempts" + 1, "nextAttemptAt" = ${lease}
    WHERE n."id" IN (
      SELECT "id" FROM "Notification"
      WHERE "status" IN ('PENDING', 'SENDING') AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING n."id", n."userId", n."channel", n."alarmId", n."event", n."attempts", n."payload"`;
  return rows.map((row) => ({ ...row, claimToken: token }));
}

export type DeliveryResult = { sent: number; retrying: number; failed: number; skipped: number };

/** Claims what is due and sends it; returns what became of it. */
export async function deliverDueNotices(
  db: Db,
  senders: Senders,
  now = new Date(),
  options: { limit?: number; log?: (line: string) => void } = {},
): Promise<DeliveryResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const notice of await claimDueNotices(db, now, options.limit)) {
    const outcome = await deliver(db, senders, notice, now, log);
    result[outcome] += 1;
  }
  return result;
}

async function deliver(
  db: Db,
  senders: Senders,
  notice: ClaimedNotice,
  now: Date,
  log: (line: string) => void,
): Promise<keyof DeliveryResult> {
  if (notice.attempts > MAX_ATTEMPTS) {
    // Claimed MAX_ATTEMPTS times and never finished: its workers died on it.
    return finish(db, notice, { status: 'FAILED', lastError: 'no worker finished sending it' }, log);
  }
  if (notice.event === 'reminder' && !(await stillOpen(db, notice.alarmId))) {
    return finish(db, notice, { status: 'SKIPPED', lastError: 'the alarm was cleared or acknowledged' }, log);
  }
  let onSent: ((tx: Tx) => Promise<unknown>) | undefined;
  try {
    onSent = (await senders[notice.channel](notice, db))?.onSent;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const gaveUp = error instanceof NoticeRefused || notice.attempts >= MAX_ATTEMPTS;
    if (gaveUp) return finish(db, notice, { status: 'FAILED', lastError: message }, log);
    await mark(db, notice, {
      status: 'PENDING',
      lastError: message.slice(0, 500),
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(notice.attempts)),
    });
    return 'retrying';
  }
  const marked = await inTransaction(db, async (tx) => {
    const done = await mark(tx, notice, { status: 'SENT', sentAt: new Date(), lastError: null });
    if (done && onSent) await onSent(tx);
    return done;
  });
  // Our lease ran out while sending and another worker claimed the row: it decides (and may send again).
  if (!marked) log(`Notification ${notice.id}: sent after its claim ran out; another worker has it now`);
  return 'sent';
}

async function stillOpen(db: Db, alarmId: string): Promise<boolean> {
  const alarm = await db.alarm.findUnique({
    where: { id: alarmId },
    select: { clearedAt: true, acknowledgedAt: true },
  });
  return alarm !== null && alarm.clearedAt === null && alarm.acknowledgedAt === null;
}

async function finish(
  db: Db,
  notice: ClaimedNotice,
  data: { status: 'FAILED' | 'SKIPPED'; lastError: string },
  log: (line: string) => void,
): Promise<'failed' | 'skipped'> {
  await mark(db, notice, { ...data, lastError: data.lastError.slice(0, 500) });
  if (data.status === 'FAILED') {
    log(
      `Notification ${notice.id} (${notice.channel}, ${notice.event} of alarm ${notice.alarmId}) given up after ${notice.attempts} attempt(s): ${data.lastError}`,
    );
    return 'failed';
  }
  return 'skipped';
}

/** Updates the row if this claim still holds it; whether it did. */
async function mark(
  db: Db,
  notice: ClaimedNotice,
  data: { status: string; lastError: string | null; sentAt?: Date; nextAttemptAt?: Date },
): Promise<boolean> {
  const { count } = await db.notification.updateMany({
    where: { id: notice.id, status: 'SENDING', claimToken: notice.claimToken },
    data: { ...data, claimToken: null },
  });
  return count === 1;
}

/** Sends due notices every few seconds, in batches until none is left. */
export function startNotificationWorker(options: {
  db: Db;
  senders: Senders;
  everyMs?: number;
  now?: boolean;
}): () => void {
  const limit = 20;
  const round = async () => {
    for (;;) {
      const r = await deliverDueNotices(options.db, options.senders, new Date(), { limit });
      if (r.sent || r.retrying || r.failed) {
        console.log(`Notifications: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} given up`);
      }
      if (r.sent + r.retrying + r.failed + r.skipped < limit) return;
    }
  };
  return repeatInBackground('The notification worker', options.everyMs ?? 5_000, round, { now: options.now });
}
