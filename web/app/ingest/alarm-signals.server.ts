import type { Tx } from '@seedline/db';
import { queueAlarmNotices } from '../notify/queue.server.ts';

// Alarms from the bridge's alarm-raised and alarm-cleared events, whatever order they arrive in
// and whichever ingest process stores them (decision 034). Every such event is kept
// (AlarmSignal); the alarms of one greenhouse, zone and kind are then worked out again from all of
// its signals, under a lock of that key, and the Alarm rows brought in line. In bridge order this
// is what ingest always did: a raise opens an alarm unless one is open (a restarted bridge raises
// its standing alarms again), a clear closes the open one.

export type AlarmSignalRow = {
  thingName: string;
  series: string;
  sequence: number;
  greenhouseId: string;
  zoneId: string | null;
  kind: string;
  at: number;
  raised: boolean;
  message: string | null;
};

type Signal = { at: number; sequence: number; raised: boolean; message: string | null };
/** One alarm: opened at `from` with `message`, closed at `to` (null: still open). */
export type Spell = { from: number; to: number | null; message: string };

/** The alarms a key's signals make, oldest first: a pure function of the set of signals. */
export function alarmSpells(signals: readonly Signal[]): Spell[] {
  const ordered = [...signals].sort((a, b) => a.at - b.at || a.sequence - b.sequence);
  const spells: Spell[] = [];
  let open: Spell | null = null;
  for (const signal of ordered) {
    if (signal.raised && open === null)
      spells.push((open = { from: signal.at, to: null, message: signal.message ?? '' }));
    else if (!signal.raised && open !== null) {
      open.to = signal.at;
      open = null;
    }
  }
  return spells;
}

type Key = { greenhouseId: string; zoneId: string | null; kind: string };
const keyText = (k: Key) => `${k.greenhouseId}/${k.zoneId ?? ''}/${k.kind}`;

/** Keeps the signals and brings the alarms of every key they touch in line, in key order. */
export async function storeAlarmSignals(tx: Tx, signals: readonly AlarmSignalRow[], now: Date): Promise<void> {
  if (signals.length === 0) return;
  const rows = signals.map((s) => ({ ...s, at: new Date(s.at).toISOString() }));
  await tx.$executeRaw`
    INSERT INTO "AlarmSignal" ("thingName", "series", "sequence", "greenhouseId", "zoneId", "kind", "at", "raised", "message")
    SELECT s."thingName", s."series", s."sequence", s."greenhouseId", s."zoneId", s."kind", s."at", s."raised", s."message"
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS s("thingName" text, "series" text, "sequence" bigint, "greenhouseId" text, "zoneId" text, "kind" text,
        "at" timestamp(3), "raised" boolean, "message" text)
    ON CONFLICT DO NOTHING`;
  const keys = new Map(
    signals.map((s) => [keyText(s), { greenhouseId: s.greenhouseId, zoneId: s.zoneId, kind: s.kind }]),
  );
  const opened: string[] = [];
  const cleared: string[] = [];
  for (const [text, key] of [...keys].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await reconcileAlarms(tx, text, key, opened, cleared);
  }
  // The farm's farmers hear of it: their notices commit with the alarms (notify/).
  await queueAlarmNotices(tx, opened, 'opened', now);
  await queueAlarmNotices(tx, cleared, 'cleared', now);
}

/** Any constant: the class of the per-key locks (the key's hash is the other half). */
const ALARM_LOCK = 7_318_034;

/**
 * The key's Alarm rows made to match its spells. Serialized per key across processes: each sees
 * the signals the others committed before it. A row belongs to the spell its raise time falls in
 * (a late earlier raise moves it back; a late clear splits a spell and the later part gets a row
 * of its own). Alarms from before signals were kept close at the first clear after them.
 */
async function reconcileAlarms(tx: Tx, text: string, key: Key, opened: string[], cleared: string[]): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ALARM_LOCK}::int, hashtext(${text}))::text AS locked`;
  const signals = await tx.alarmSignal.findMany({
    where: key,
    select: { at: true, sequence: true, raised: true, message: true },
  });
  const spells = alarmSpells(signals.map((s) => ({ ...s, at: s.at.getTime(), sequence: Number(s.sequence) })));
  const rows = await tx.alarm.findMany({
    where: key,
    select: { id: true, raisedAt: true, clearedAt: true, message: true },
    orderBy: [{ raisedAt: 'asc' }, { id: 'asc' }],
  });
  const inSpell = (at: number, spell: Spell) => at >= spell.from && (spell.to === null || at <= spell.to);
  // A row goes to one spell only (spells may touch when a clear and the next raise share a millisecond).
  const taken = new Set<string>();
  for (const spell of spells) {
    const row = rows.find((r) => !taken.has(r.id) && inSpell(r.raisedAt.getTime(), spell));
    if (row) taken.add(row.id);
    const clearedAt = spell.to === null ? null : new Date(spell.to);
    if (!row) {
      const alarm = await tx.alarm.create({
        data: { ...key, message: spell.message, raisedAt: new Date(spell.from), clearedAt },
        select: { id: true },
      });
      opened.push(alarm.id);
      if (clearedAt) cleared.push(alarm.id);
      continue;
    }
    if (row.raisedAt.getTime() !== spell.from || row.clearedAt?.getTime() !== clearedAt?.getTime()) {
      await tx.alarm.update({
        where: { id: row.id },
        data: { raisedAt: new Date(spell.from), clearedAt, message: spell.message },
      });
      if (row.clearedAt === null && clearedAt) cleared.push(row.id);
    }
  }
  const clears = signals.filter((s) => !s.raised).map((s) => s.at.getTime());
  for (const row of rows) {
    if (row.clearedAt !== null || taken.has(row.id)) continue;
    const at = Math.min(...clears.filter((c) => c >= row.raisedAt.getTime()));
    if (!Number.isFinite(at)) continue;
    await tx.alarm.update({ where: { id: row.id }, data: { clearedAt: new Date(at) } });
    cleared.push(row.id);
  }
}
