import { randomBytes } from 'node:crypto';
import { type Db, type Prisma, inTransaction } from '@seedline/db';
import {
  SITE_KEY,
  type ShadowCommand,
  type ZoneSettingsInput,
  latchedAlarmSchema,
  zoneSettingsSchema,
} from '@seedline/firmware-bridge/shadow';
import type { SessionUser } from '../auth/session.server.ts';
import { refusal } from '../errors/refusals.ts';
import { farmsOf } from '../farm/scope.server.ts';
import { notFound } from '../http.server.ts';
import { announce } from './live-feed.server.ts';
import type { DesiredPublisher } from './shadow-link.server.ts';

// What a farmer changes in a greenhouse, always through its `irrigation` shadow: a zone's
// settings, a command (run, stop, pause, resume, off, auto), or the acknowledgement of a latched
// alarm. Each is checked against the user's farms, recorded with who and when (ControlRequest),
// and sent as desired state in one step: the send fails → nothing is written. The bridge's
// answer comes back through ingest (shadow-documents.server.ts).

type Controller = Pick<SessionUser, 'id' | 'role' | 'farmId'>;

export type ZoneCommandInput =
  | { kind: 'run'; minutes: number }
  | { kind: 'stop' }
  | { kind: 'pause'; until: Date }
  | { kind: 'resume' }
  | { kind: 'off' }
  | { kind: 'auto' };

/** A zone's settings, whole (the form sends every field), as the bridge's rules accept them. */
export async function changeZoneSettings(
  db: Db,
  publish: DesiredPublisher,
  user: Controller,
  zoneId: string,
  settings: ZoneSettingsInput,
  now = new Date(),
): Promise<void> {
  // The form checked them already; a caller that did not cannot put a bad value in the shadow.
  const checked = zoneSettingsSchema.parse(settings);
  await send(db, user, zoneId, async (tx, zone) => {
    await tx.zone.update({
      where: { id: zone.id },
      data: { desiredSettings: checked, desiredAt: now, refusedReason: null, refusedAt: null },
    });
    await supersede(tx, { zoneId: zone.id, kind: 'settings' }, now);
    await announce(tx, [{ greenhouseId: zone.greenhouse.id, what: 'change' }]);
    await tx.controlRequest.create({
      data: {
        greenhouseId: zone.greenhouse.id,
        zoneId: zone.id,
        byUserId: user.id,
        kind: 'settings',
        detail: checked,
        requestedAt: now,
      },
    });
    await deliver(publish, zone.greenhouse.thingName, { zones: { [zone.key]: checked } });
  });
}

/** Run the zone for N minutes, stop it, pause it until a time, resume it, or set it off or auto. */
export async function sendZoneCommand(
  db: Db,
  publish: DesiredPublisher,
  user: Controller,
  zoneId: string,
  input: ZoneCommandInput,
  now = new Date(),
): Promise<void> {
  const command = shadowCommand(input, now);
  await send(db, user, zoneId, async (tx, zone) => {
    await tx.zone.update({ where: { id: zone.id }, data: { pendingCommand: command } });
    await record(tx, user, { greenhouseId: zone.greenhouse.id, zoneId: zone.id, command }, now);
    await deliver(publish, zone.greenhouse.thingName, { commands: { [zone.key]: command } });
  });
}

/**
 * Acknowledges a latched alarm (a leak, or a zone's no-flow): the only way to release it, so the
 * bridge's core hears it as a command like the others, once, with the same expiry.
 */
export async function acknowledgeAlarm(
  db: Db,
  publish: DesiredPublisher,
  user: Controller,
  alarmId: string,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const alarm = await tx.alarm.findFirst({
      where: { id: alarmId, greenhouse: { farm: farmsOf(user) } },
      select: {
        id: true,
        kind: true,
        clearedAt: true,
        acknowledgedAt: true,
        zone: { select: { id: true, key: true } },
        greenhouse: { select: { id: true, thingName: true } },
      },
    });
    if (!alarm) notFound('No such alarm');
    const kind = latchedAlarmSchema.safeParse(alarm.kind);
    if (!kind.success || alarm.clearedAt) throw refusal('ALARM_NOT_LATCHED');
    if (alarm.acknowledgedAt) throw refusal('ALARM_ALREADY_ACKNOWLEDGED');
    // A leak belongs to the greenhouse (its master valve), a no-flow to its zone.
    const key = kind.data === 'leak' || !alarm.zone ? SITE_KEY : alarm.zone.key;
    const command: ShadowCommand = { id: commandId(), kind: 'acknowledge', alarm: kind.data, issuedAt: now.getTime() };
    const zoneId = key === SITE_KEY ? null : (alarm.zone?.id ?? null);
    await record(tx, user, { greenhouseId: alarm.greenhouse.id, zoneId, command, alarmId: alarm.id }, now);
    await deliver(publish, alarm.greenhouse.thingName, { commands: { [key]: command } });
  });
}

function shadowCommand(input: ZoneCommandInput, now: Date): ShadowCommand {
  const base = { id: commandId(), issuedAt: now.getTime() };
  switch (input.kind) {
    case 'run':
      return { ...base, kind: 'run', minutes: input.minutes };
    case 'pause':
      return { ...base, kind: 'pause', until: input.until.getTime() };
    default:
      return { ...base, kind: input.kind };
  }
}

const commandId = () => randomBytes(9).toString('base64url');

/** One command slot per zone (and one for the greenhouse): a new command replaces an unanswered one. */
async function record(
  tx: Prisma.TransactionClient,
  user: Controller,
  sent: { greenhouseId: string; zoneId: string | null; command: ShadowCommand; alarmId?: string },
  now: Date,
) {
  const slot = { greenhouseId: sent.greenhouseId, zoneId: sent.zoneId, commandId: { not: null } };
  await announce(tx, [{ greenhouseId: sent.greenhouseId, what: 'change' }]);
  await supersede(tx, slot, now);
  await tx.controlRequest.create({
    data: {
      greenhouseId: sent.greenhouseId,
      zoneId: sent.zoneId,
      byUserId: user.id,
      kind: sent.command.kind,
      detail: sent.command,
      commandId: sent.command.id,
      alarmId: sent.alarmId ?? null,
      requestedAt: now,
    },
  });
}

async function supersede(tx: Prisma.TransactionClient, where: Prisma.ControlRequestWhereInput, now: Date) {
  await tx.controlRequest.updateMany({
    where: { ...where, status: 'PENDING' },
    data: { status: 'SUPERSEDED', answeredAt: now },
  });
}

type ZoneWithThing = { id: string; key: string; greenhouse: { id: string; thingName: string } };

/** The user's zone, or 404 (another farm's zone is as unknown as a zone that does not exist). */
async function send(
  db: Db,
  user: Controller,
  zoneId: string,
  work: (tx: Prisma.TransactionClient, zone: ZoneWithThing) => Promise<void>,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    const zone = await tx.zone.findFirst({
      where: { id: zoneId, greenhouse: { farm: farmsOf(user) } },
      select: { id: true, key: true, greenhouse: { select: { id: true, thingName: true } } },
    });
    if (!zone) notFound('No such zone');
    // Sent last inside the transaction: a failed send rolls the change back.
    await work(tx, zone);
  });
}

/** The last step of a change: a send that fails (broker down, not connected) rolls it back, refused. */
async function deliver(publish: DesiredPublisher, thing: string, desired: Record<string, unknown>) {
  try {
    await publish(thing, desired);
  } catch (error) {
    throw refusal('GREENHOUSE_UNREACHABLE', {}, { cause: error });
  }
}
