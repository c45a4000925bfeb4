import { type Db, Prisma, inTransaction } from '@seedline/db';
import {
  type ReportedState,
  SITE_KEY,
  shadowDocumentsMessageSchema,
  thingFromShadowTopic,
} from '@seedline/firmware-bridge/shadow';
import { z } from 'zod';
import { announce } from './live-feed.server.ts';
import { covers } from './zone-status.ts';

// What a bridge reports in its `irrigation` shadow, as ingest hears it (`update/documents`): each
// zone's running settings and refusals, and its answers to commands. They confirm or refuse what
// the farmer sent (controls.server.ts): the zones' settings state and each ControlRequest.

const reportedZones = z.record(z.string(), z.record(z.string(), z.unknown()));
const reportedCommands = z.record(
  z.string(),
  z.object({ id: z.string(), status: z.string(), reason: z.string().optional() }).loose(),
);
const reportedRefusals = z.record(z.string(), z.string().nullable());

type Reported = {
  zones: Record<string, Record<string, unknown>>;
  commands: z.infer<typeof reportedCommands>;
  refused: Record<string, string | null>;
};

/** The parts of a reported state this side reads, or null when they have an unexpected shape. */
function readReported(reported: ReportedState | null | undefined): Reported | null {
  const zones = reportedZones.safeParse(reported?.zones ?? {});
  const commands = reportedCommands.safeParse(reported?.commands ?? {});
  const refused = reportedRefusals.safeParse(reported?.refused ?? {});
  if (!zones.success || !commands.success || !refused.success) return null;
  return { zones: zones.data, commands: commands.data, refused: refused.data };
}

/**
 * Stores what a bridge reports in its shadow (an `update/documents` message): each zone's running
 * settings, refusals, and answers to commands. Returns a reason when the message is unusable.
 */
export async function storeShadowDocuments(
  db: Db,
  topic: string,
  payload: string,
  receivedAt = new Date(),
): Promise<string | null> {
  const thing = thingFromShadowTopic(topic);
  if (!thing) return 'not an irrigation shadow topic';
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return 'not JSON';
  }
  const parsed = shadowDocumentsMessageSchema.safeParse(raw);
  if (!parsed.success) return 'not a shadow documents message';
  if (!parsed.data.current?.state.reported) return null;
  const now = readReported(parsed.data.current.state.reported);
  if (!now) return 'reported state has an unexpected shape';
  // A document also follows every desired update, with reported as it was: a refusal standing
  // since before is not an answer to what was just sent.
  const before = readReported(parsed.data.previous?.state.reported) ?? { zones: {}, commands: {}, refused: {} };
  const freshRefusals = Object.fromEntries(
    Object.entries(now.refused).filter(([key, reason]) => reason && reason !== before.refused[key]),
  );

  const { timestamp } = parsed.data;
  const at = new Date(timestamp === undefined ? receivedAt.getTime() : timestamp * 1000);
  const { version } = parsed.data.current;
  await inTransaction(db, async (tx) => {
    if (!(await newestDocument(tx, thing, at, version))) return;
    const zones = await storeZones(tx, thing, now, receivedAt);
    await answerRequests(tx, thing, { ...now, refused: freshRefusals }, zones.keys, receivedAt);
    if (zones.greenhouseId) await announce(tx, [{ greenhouseId: zones.greenhouseId, what: 'change' }]);
  });
  return null;
}

/**
 * Marks this document as the greenhouse's newest, under its row lock, or says it is not: every
 * ingest copy of a share group hears every document (Mosquitto gives shared subscriptions nothing
 * under `$aws/`), so the same document comes once per copy and copies may store out of order.
 * By (time, version): a shadow recreated after it was lost starts its versions again.
 */
async function newestDocument(tx: Prisma.TransactionClient, thing: string, at: Date, version: number) {
  const marked = await tx.$executeRaw`
    UPDATE "Greenhouse" SET "shadowDocumentAt" = ${at}, "shadowDocumentVersion" = ${version}
    WHERE "thingName" = ${thing}
      AND ("shadowDocumentAt" IS NULL OR ("shadowDocumentAt", "shadowDocumentVersion") < (${at}, ${version}))`;
  return marked > 0;
}

/** The zones' settings state; returns each zone's key by id, and their greenhouse. */
async function storeZones(tx: Prisma.TransactionClient, thing: string, reported: Reported, receivedAt: Date) {
  const rows = await tx.zone.findMany({
    where: { greenhouse: { thingName: thing } },
    select: { id: true, key: true, greenhouseId: true, pendingCommand: true, refusedReason: true, refusedAt: true },
  });
  for (const zone of rows) {
    const data: Prisma.ZoneUpdateInput = {};
    const settings = reported.zones[zone.key];
    if (settings) {
      data.reportedSettings = settings as Prisma.InputJsonValue;
      data.reportedAt = receivedAt;
    }
    const reason = reported.refused[zone.key];
    if (reason) {
      if (reason !== zone.refusedReason) Object.assign(data, { refusedReason: reason, refusedAt: receivedAt });
    } else if (zone.refusedReason && !zone.refusedReason.startsWith('command: ')) {
      Object.assign(data, { refusedReason: null, refusedAt: null });
    }
    const pending = zone.pendingCommand as { id?: string } | null;
    const outcome = reported.commands[zone.key];
    if (pending?.id && outcome?.id === pending.id) {
      data.pendingCommand = Prisma.DbNull;
      if (outcome.status === 'refused') {
        Object.assign(data, { refusedReason: `command: ${outcome.reason ?? 'refused'}`, refusedAt: receivedAt });
      }
    }
    if (Object.keys(data).length) await tx.zone.update({ where: { id: zone.id }, data });
  }
  return { keys: new Map(rows.map((zone) => [zone.id, zone.key])), greenhouseId: rows[0]?.greenhouseId ?? null };
}

/**
 * Confirms or refuses what the farmer sent and the bridge has now answered: a command by its id,
 * settings once the bridge runs them (or refuses them afresh). An acknowledged alarm is marked.
 */
async function answerRequests(
  tx: Prisma.TransactionClient,
  thing: string,
  reported: Reported,
  keys: Map<string, string>,
  receivedAt: Date,
) {
  const open = await tx.controlRequest.findMany({
    where: { greenhouse: { thingName: thing }, status: 'PENDING' },
    select: { id: true, zoneId: true, commandId: true, detail: true, alarmId: true },
  });
  for (const request of open) {
    const key = request.zoneId ? keys.get(request.zoneId) : SITE_KEY;
    if (!key) continue;
    const answer = request.commandId
      ? commandAnswer(reported, key, request.commandId)
      : settingsAnswer(reported, key, request.detail);
    if (!answer) continue;
    await tx.controlRequest.update({
      where: { id: request.id },
      data: { status: answer.status, reason: answer.reason ?? null, answeredAt: receivedAt },
    });
    if (answer.status === 'CONFIRMED' && request.alarmId) {
      await tx.alarm.updateMany({
        where: { id: request.alarmId, acknowledgedAt: null },
        data: { acknowledgedAt: receivedAt },
      });
    }
  }
}

type Answer = { status: 'CONFIRMED' | 'REFUSED'; reason?: string };

function commandAnswer(reported: Reported, key: string, commandId: string): Answer | null {
  const outcome = reported.commands[key];
  if (outcome?.id !== commandId) return null;
  return outcome.status === 'applied'
    ? { status: 'CONFIRMED' }
    : { status: 'REFUSED', reason: outcome.reason ?? 'refused' };
}

function settingsAnswer(reported: Reported, key: string, sent: unknown): Answer | null {
  const reason = reported.refused[key];
  if (reason) return { status: 'REFUSED', reason };
  return covers(reported.zones[key], sent) ? { status: 'CONFIRMED' } : null;
}
