import type { Prisma, Tx } from '@seedline/db';
import { type NoticeEvent, alarmNotice } from './notice.ts';

// Writes the notices of an alarm event into the notification outbox, inside the caller's
// transaction (the one that opens or clears the alarm, or the reminder sweep's): the alarm and its
// notices commit together or not at all. One row per farmer of the greenhouse's farm and per
// channel they chose; the table's unique key (alarm, event, round, user, channel) makes a second
// write of the same event (a bridge that raises its alarm again, two sweeps at once) add nothing.

export type Channel = 'push' | 'zalo' | 'email';

type Recipient = {
  id: string;
  locale: string;
  notificationSettings: { push: boolean; zalo: boolean; email: boolean; zaloPhone: string | null } | null;
  _count: { pushSubscriptions: number };
};

/**
 * The channels a farmer hears on: as they chose (email only until they choose), where it can reach
 * them. Zalo is offered only when configured; if it is unset later, its notices fail and say so.
 */
export function channelsOf(user: Recipient): Channel[] {
  const s = user.notificationSettings ?? { push: false, zalo: false, email: true, zaloPhone: null };
  return [
    ...(s.push && user._count.pushSubscriptions > 0 ? (['push'] as const) : []),
    ...(s.zalo && s.zaloPhone ? (['zalo'] as const) : []),
    ...(s.email ? (['email'] as const) : []),
  ];
}

/** Queues `event`'s notices for each alarm; `round` numbers reminders. Returns the rows written. */
export async function queueAlarmNotices(
  tx: Tx,
  alarmIds: readonly string[],
  event: NoticeEvent,
  now: Date,
  round = 0,
): Promise<number> {
  if (alarmIds.length === 0) return 0;
  const alarms = await tx.alarm.findMany({
    where: { id: { in: [...alarmIds] } },
    select: {
      id: true,
      kind: true,
      message: true,
      raisedAt: true,
      clearedAt: true,
      zone: { select: { id: true, name: true } },
      greenhouse: {
        select: {
          name: true,
          farm: {
            select: {
              members: {
                // A deactivated farmer hears nothing more of the farm (decision 018).
                where: { role: 'FARMER', deactivatedAt: null },
                select: {
                  id: true,
                  locale: true,
                  notificationSettings: { select: { push: true, zalo: true, email: true, zaloPhone: true } },
                  _count: { select: { pushSubscriptions: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  const rows: Prisma.NotificationCreateManyInput[] = alarms.flatMap((alarm) =>
    alarm.greenhouse.farm.members.flatMap((user) => {
      const payload = alarmNotice(alarm, event, user.locale);
      return channelsOf(user).map((channel) => ({
        userId: user.id,
        channel,
        alarmId: alarm.id,
        event,
        round,
        payload,
        nextAttemptAt: now,
      }));
    }),
  );
  if (rows.length === 0) return 0;
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
