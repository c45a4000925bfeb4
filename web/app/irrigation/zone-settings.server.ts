import { randomBytes } from 'node:crypto';
import { type Db, Prisma, inTransaction } from '@seedline/db';
import {
  type ShadowCommand,
  shadowDocumentsMessageSchema,
  thingFromShadowTopic,
  zoneSettingsSchema,
} from '@seedline/firmware-bridge/shadow';
import { z } from 'zod';

// The dashboard's side of the `irrigation` shadow: a settings change or a command is written to
// the zone and sent as desired state in one step (the send fails → nothing is written); what the
// bridge reports comes back through ingest (`update/documents`) and confirms or refuses it.

/** Sends `{ state: { desired } }` to the thing's shadow; resolves once the broker has it. */
export type DesiredPublisher = (thing: string, desired: Record<string, unknown>) => Promise<void>;

export type ChangeResult =
  { ok: true } | { ok: false; fieldErrors: Record<string, string> } | { ok: false; error: string };

/** A change of a zone's settings, whole (the form sends every field). */
export async function changeZoneSettings(
  db: Db,
  publish: DesiredPublisher,
  input: { zoneId: string; settings: unknown },
  now = new Date(),
): Promise<ChangeResult> {
  const parsed = zoneSettingsSchema.safeParse(input.settings);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const settings = parsed.data;
  return send(db, input.zoneId, async (tx, zone) => {
    await tx.zone.update({
      where: { id: zone.id },
      data: { desiredSettings: settings, desiredAt: now, refusedReason: null, refusedAt: null },
    });
    await publish(zone.greenhouse.thingName, { zones: { [zone.key]: settings } });
  });
}

const commandInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), minutes: z.coerce.number().int().min(1).max(240) }),
  z.object({ kind: z.literal('pause'), until: z.coerce.date() }),
  z.object({ kind: z.literal('resume') }),
]);

/** Run the zone for N minutes, pause it until a time, or resume it. */
export async function sendZoneCommand(
  db: Db,
  publish: DesiredPublisher,
  input: { zoneId: string; command: unknown },
  now = new Date(),
): Promise<ChangeResult> {
  const parsed = commandInput.safeParse(input.command);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrors(parsed.error) };
  const given = parsed.data;
  if (given.kind === 'pause' && given.until.getTime() <= now.getTime()) {
    return { ok: false, fieldErrors: { until: 'must be in the future' } };
  }
  const id = randomBytes(9).toString('base64url');
  const issuedAt = now.getTime();
  const command: ShadowCommand =
    given.kind === 'run'
      ? { id, kind: 'run', minutes: given.minutes, issuedAt }
      : given.kind === 'pause'
        ? { id, kind: 'pause', until: given.until.getTime(), issuedAt }
        : { id, kind: 'resume', issuedAt };
  return send(db, input.zoneId, async (tx, zone) => {
    await tx.zone.update({ where: { id: zone.id }, data: { pendingCommand: command } });
    await publish(zone.greenhouse.thingName, { commands: { [zone.key]: command } });
  });
}

type ZoneWithThing = { id: string; key: string; greenhouse: { thingName: string } };

async function send(
  db: Db,
  zoneId: string,
  work: (tx: Prisma.TransactionClient, zone: ZoneWithThing) => Promise<void>,
): Promise<ChangeResult> {
  try {
    return await inTransaction(db, async (tx): Promise<ChangeResult> => {
      const zone = await tx.zone.findUnique({
        where: { id: zoneId },
        select: { id: true, key: true, greenhouse: { select: { thingName: true } } },
      });
      if (!zone) return { ok: false, error: 'unknown zone' };
      // Sent inside the transaction: a failed send rolls the change back.
      await work(tx, zone);
      return { ok: true };
    });
  } catch (error) {
    return { ok: false, error: `the greenhouse could not be reached, nothing changed: ${(error as Error).message}` };
  }
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join('.') : 'settings';
    errors[field] ??= issue.message;
  }
  return errors;
}

const reportedZones = z.record(z.string(), z.record(z.string(), z.unknown()));
const reportedCommands = z.record(
  z.string(),
  z.object({ id: z.string(), status: z.string(), reason: z.string().optional() }).loose(),
);
const reportedRefusals = z.record(z.string(), z.string().nullable());

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
  const reported = parsed.data.current?.state.reported;
  if (!reported) return null;
  const zones = reportedZones.safeParse(reported.zones ?? {});
  const commands = reportedCommands.safeParse(reported.commands ?? {});
  const refused = reportedRefusals.safeParse(reported.refused ?? {});
  if (!zones.success || !commands.success || !refused.success) return 'reported state has an unexpected shape';

  await inTransaction(db, async (tx) => {
    const rows = await tx.zone.findMany({
      where: { greenhouse: { thingName: thing } },
      select: { id: true, key: true, pendingCommand: true, refusedReason: true, refusedAt: true },
    });
    for (const zone of rows) {
      const data: Prisma.ZoneUpdateInput = {};
      const settings = zones.data[zone.key];
      if (settings) {
        data.reportedSettings = settings as Prisma.InputJsonValue;
        data.reportedAt = receivedAt;
      }
      const reason = refused.data[zone.key];
      if (reason) {
        if (reason !== zone.refusedReason) Object.assign(data, { refusedReason: reason, refusedAt: receivedAt });
      } else if (zone.refusedReason && !zone.refusedReason.startsWith('command: ')) {
        Object.assign(data, { refusedReason: null, refusedAt: null });
      }
      const pending = zone.pendingCommand as { id?: string } | null;
      const outcome = commands.data[zone.key];
      if (pending?.id && outcome?.id === pending.id) {
        data.pendingCommand = Prisma.DbNull;
        if (outcome.status === 'refused') {
          Object.assign(data, { refusedReason: `command: ${outcome.reason ?? 'refused'}`, refusedAt: receivedAt });
        }
      }
      if (Object.keys(data).length) await tx.zone.update({ where: { id: zone.id }, data });
    }
  });
  return null;
}
