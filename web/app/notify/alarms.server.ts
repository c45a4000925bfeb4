import { type Db, type Tx, inTransaction } from '@seedline/db';
import { repeatInBackground } from '../repeat.server.ts';
import { queueAlarmNotices } from './queue.server.ts';

// Alarms the web process raises itself, and reminders. A bridge that has sent nothing for 15
// minutes gets an open `bridge-offline` alarm (zone null), from a sweep; ingest clears it in the
// transaction that stores the bridge's next message (`clearOfflineAlarms`). An alarm that stays
// open and unacknowledged is reminded every N hours. Each writes its notices in its transaction.

export const offlineKind = 'bridge-offline';
export const offlineAfterMs = 15 * 60_000;

/**
 * Opens a bridge-offline alarm for every greenhouse not heard from for 15 minutes that has none
 * open, with its notices. Never two open for one greenhouse, also with several web processes: the
 * greenhouses are locked (FOR UPDATE, in id order, as ingest locks them), and whether one is open
 * is asked again after the lock, in a statement of its own, which sees what a sweep that held the
 * lock before committed. Ingest takes the same lock when it marks a bridge seen, so a message that
 * arrives meanwhile either makes the greenhouse fresh before the check or clears the alarm after.
 * A greenhouse whose bridge has never reported is not offline: it was never online.
 */
export async function openOfflineAlarms(db: Db, now: Date): Promise<string[]> {
  const cutoff = new Date(now.getTime() - offlineAfterMs);
  return inTransaction(db, async (tx) => {
    const stale = await tx.$queryRaw<{ id: string; lastSeenAt: Date }[]>`
      SELECT g."id", g."lastSeenAt" FROM "Greenhouse" g
      WHERE g."lastSeenAt" < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM "Alarm" a
          WHERE a."greenhouseId" = g."id" AND a."kind" = ${offlineKind} AND a."clearedAt" IS NULL)
      ORDER BY g."id"
      FOR UPDATE OF g`;
    const opened: string[] = [];
    for (const greenhouse of stale) {
      const open = await tx.alarm.count({
        where: { greenhouseId: greenhouse.id, kind: offlineKind, clearedAt: null },
      });
      if (open > 0) continue;
      const alarm = await tx.alarm.create({
        data: {
          greenhouseId: greenhouse.id,
          zoneId: null,
          kind: offlineKind,
          message: `no message from the bridge since ${greenhouse.lastSeenAt.toISOString()}`,
          raisedAt: new Date(greenhouse.lastSeenAt.getTime() + offlineAfterMs),
        },
        select: { id: true },
      });
      opened.push(alarm.id);
    }
    await queueAlarmNotices(tx, opened, 'opened', now);
    return opened;
  });
}

/** Ingest stored a message from these greenhouses' bridges: their offline alarms clear, with notices. */
export async function clearOfflineAlarms(tx: Tx, greenhouseIds: readonly string[], at: Date): Promise<number> {
  if (greenhouseIds.length === 0) return 0;
  const open = await tx.alarm.findMany({
    where: { greenhouseId: { in: [...greenhouseIds] }, kind: offlineKind, clearedAt: null },
    select: { id: true },
  });
  if (open.length === 0) return 0;
  const ids = open.map((a) => a.id);
  await tx.alarm.updateMany({ where: { id: { in: ids } }, data: { clearedAt: at } });
  await queueAlarmNotices(tx, ids, 'cleared', at);
  return ids.length;
}

/**
 * Reminds of every alarm open and unacknowledged for a whole number of reminder periods: round n
 * once the alarm has been open n periods. The outbox's unique key makes each round one notice per
 * user and channel, however often (and in however many processes) this runs; a sweep that was
 * down for longer sends the latest round only.
 */
export async function queueReminders(db: Db, now: Date, periodHours: number): Promise<number> {
  const periodMs = periodHours * 3_600_000;
  const due = await db.alarm.findMany({
    where: { clearedAt: null, acknowledgedAt: null, raisedAt: { lte: new Date(now.getTime() - periodMs) } },
    select: {
      id: true,
      raisedAt: true,
      notifications: { where: { event: 'reminder' }, orderBy: { round: 'desc' }, take: 1, select: { round: true } },
    },
  });
  let queued = 0;
  for (const alarm of due) {
    const round = Math.floor((now.getTime() - alarm.raisedAt.getTime()) / periodMs);
    if (round <= (alarm.notifications[0]?.round ?? 0)) continue;
    queued += await inTransaction(db, (tx) => queueAlarmNotices(tx, [alarm.id], 'reminder', now, round));
  }
  return queued;
}

/** Opens offline alarms and queues reminders every minute. */
export function startAlarmSweep(
  db: Db,
  reminderHours: number,
  options: { everyMs?: number; now?: boolean } = {},
): () => void {
  return repeatInBackground(
    'The alarm sweep',
    options.everyMs ?? 60_000,
    async () => {
      const now = new Date();
      const opened = await openOfflineAlarms(db, now);
      if (opened.length > 0) console.log(`Bridge offline: opened ${opened.length} alarm(s)`);
      await queueReminders(db, now, reminderHours);
    },
    { now: options.now },
  );
}
