import { type Db, type Tx, inTransaction } from '@seedline/db';
import { announce } from '../irrigation/live-feed.server.ts';
import { type Message, type TelemetryMessage, parseMessage } from '@seedline/firmware-bridge/protocol';
import { clearOfflineAlarms } from '../notify/alarms.server.ts';
import { type AlarmSignalRow, storeAlarmSignals } from './alarm-signals.server.ts';
import { storeZoneLive } from './live.server.ts';
import { epochSql } from './epoch.server.ts';
import { storeReadings } from './readings.server.ts';
import { type RunEvent, storeRunEvents } from './runs.server.ts';
import { numberArray, textArray } from './sql-arrays.server.ts';

// The storage side of ingest: bridge messages in, rows out. No MQTT here: the broker subscription
// hands its messages over in batches. Idempotent on (thing, series, seq): a message seen before stores
// nothing. One transaction per batch: a database error leaves nothing of the batch behind. The
// hourly roll-ups the batch touches are marked stale here and recomputed by `refreshStaleHourly`.
// What is stored depends on the set of messages only, not on their order or on which ingest
// process stores each (decision 034): several processes may share one bridge's messages.

export type IngestItem = { topic: string; payload: Uint8Array | string; receivedAt: Date };
export type Rejection = { topic: string; reason: string };
export type IngestResult = {
  /** Messages stored for the first time. */
  stored: number;
  /** Messages already stored (in an earlier batch or earlier in this one): nothing written. */
  duplicates: number;
  /** Messages (or, for telemetry and summaries, the unknown zones of a message) not stored, with why. */
  rejected: Rejection[];
  /** Telemetry dated further ahead of its arrival than a clock drifts: it set live state at its arrival. */
  clamped: number;
  /** Bridges that began a new message series (their numbering restarted), with the new series. */
  restarted: { thing: string; series: string }[];
  /**
   * Every message of the batch ingest is done with once it commits: stored, a duplicate, or refused
   * by a rule (unknown thing or zones). Not those it could not read: they name no seq. Ingest
   * confirms these to their bridges (confirmations.server.ts).
   */
  settled: SettledMessage[];
};

export type SettledMessage = { thing: string; series: string; seq: number };

/**
 * How far ahead of its arrival a report may be dated and still set its zone's live state at that
 * time. A gateway that boots without the time (no network, a flat clock battery) dates its reports
 * days or years ahead: live state keeps the newest by the bridge's clock, so the first such report
 * would stay "newest" after the clock is fixed. Such a report sets live state at its arrival
 * instead. Its readings keep the bridge's time (the virtual greenhouse's warp runs ahead on purpose).
 */
export const maxClockLeadMs = 5 * 60_000;

const liveAt = (message: TelemetryMessage, receivedAt: Date) =>
  message.at > receivedAt.getTime() + maxClockLeadMs ? receivedAt.getTime() : message.at;

type Accepted = { topic: string; message: Message; receivedAt: Date; greenhouse: KnownGreenhouse };
export type KnownGreenhouse = {
  id: string;
  thingName: string;
  messageSeries: string | null;
  zones: Map<string, string>;
};

/** Messages sent before bridges had a series are filed under the empty one. */
const seriesOf = (message: Message) => message.series ?? '';

/** How a message is named to its bridge when ingest confirms it. */
export const settledKey = (message: Message): SettledMessage => ({
  thing: message.thing,
  series: seriesOf(message),
  seq: message.seq,
});
const keyOf = (thing: string, series: string, seq: number | string) => `${thing}\u0000${series}\u0000${seq}`;
const messageKey = (message: Message) => keyOf(message.thing, seriesOf(message), message.seq);

// Rows go to the database as one array parameter per column, unpacked by `unnest`, not as one
// bound parameter per value: building and binding thousands of parameters through Prisma cost
// most of a batch's time (bench:ingest, docs/benchmarks.md), and an array has no 65,535-parameter
// limit to chunk around. Arrays rather than one JSON document per statement (json_to_recordset, as
// before): no JSON to build here and none to parse there, about a fifth less CPU per message on
// the store path (decision 039). Times go as epoch milliseconds (`epochSql`), not as text to parse.
// The small statements (one row per greenhouse or alarm event: markSeen, alarm signals) still take
// JSON; they are not where a batch's time goes.

type Parsed = { topic: string; message: Message; receivedAt: Date };

export async function ingestBatch(db: Db, items: IngestItem[]): Promise<IngestResult> {
  const rejected: Rejection[] = [];
  const parsed: Parsed[] = [];
  for (const item of items) {
    const result = parseMessage(item.topic, item.payload);
    if (result.ok) parsed.push({ topic: item.topic, message: result.message, receivedAt: item.receivedAt });
    else rejected.push({ topic: item.topic, reason: result.reason });
  }
  if (parsed.length === 0) return { stored: 0, duplicates: 0, rejected, clamped: 0, restarted: [], settled: [] };
  const settled = parsed.map(({ message }) => settledKey(message));
  return retryingConflicts(() =>
    inTransaction(db, async (tx) => {
      const accepted = await acceptMessages(tx, parsed);
      const stored = await storeAccepted(tx, accepted.candidates);
      return {
        ...stored,
        duplicates: accepted.duplicates + stored.duplicates,
        rejected: [...rejected, ...accepted.rejected],
        settled,
      };
    }),
  );
}

/** Tries again (up to 5 times) when the database aborted the batch for another's concurrent one. */
async function retryingConflicts<T>(store: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store();
    } catch (error) {
      if (attempt >= 5 || !isConflict(error)) throw error;
    }
  }
}

/**
 * A deadlock, a serialization failure, or a unique key another process's batch took first (an
 * upsert that read before that batch committed): each goes through when the batch runs again.
 */
function isConflict(error: unknown): boolean {
  const codes = new Set(['40P01', '40001', '23505', 'P2002', 'P2034']);
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const current: object = e;
    const found = ['code', 'originalCode'].map((name): unknown => Reflect.get(current, name));
    const meta: unknown = Reflect.get(current, 'meta');
    if (typeof meta === 'object' && meta !== null) found.push(Reflect.get(meta, 'code'));
    if (found.some((c) => typeof c === 'string' && codes.has(c))) return true;
    e = Reflect.get(current, 'cause');
  }
  return /deadlock detected|could not serialize|duplicate key value/.test(String(error));
}

/** Known thing and zones; the first of equal (thing, series, seq) in the batch, the rest are duplicates. */
async function acceptMessages(tx: Tx, parsed: Parsed[]) {
  const greenhouses = await knownGreenhouses(tx, [...new Set(parsed.map((p) => p.message.thing))]);
  const rejected: Rejection[] = [];
  let duplicates = 0;
  const seen = new Set<string>();
  const candidates: Accepted[] = [];
  for (const { topic, message, receivedAt } of parsed) {
    const greenhouse = greenhouses.get(message.thing);
    if (!greenhouse) {
      rejected.push({ topic, reason: `unknown thing "${message.thing}": no greenhouse has it` });
      continue;
    }
    const reason = unknownZoneReason(message, greenhouse);
    if (reason !== null && !hasKnownZone(message, greenhouse)) {
      rejected.push({ topic, reason });
      continue;
    }
    const key = messageKey(message);
    if (seen.has(key)) {
      duplicates++;
      continue;
    }
    seen.add(key);
    // Telemetry and summaries keep their known zones; the unknown ones are reported.
    if (reason !== null) rejected.push({ topic, reason: `${reason}; its other zones were stored` });
    candidates.push({ topic, message, receivedAt, greenhouse });
  }
  return { candidates, duplicates, rejected };
}

/** Stores the messages not stored before and what follows from them. */
async function storeAccepted(tx: Tx, candidates: Accepted[]): Promise<Omit<IngestResult, 'rejected' | 'settled'>> {
  const inserted = await recordMessages(tx, byMessageKey(candidates));
  await storeReadings(tx, inserted);
  let clamped = 0;
  await storeZoneLive(
    tx,
    inserted.flatMap(({ message, greenhouse, receivedAt }) => {
      if (message.kind !== 'telemetry') return [];
      const at = liveAt(message, receivedAt);
      if (at !== message.at) clamped++;
      return [{ message: { ...message, at }, zoneIds: greenhouse.zones }];
    }),
  );
  await storeRunEvents(tx, inserted.flatMap(runEvent));
  await storeAlarmSignals(tx, inserted.flatMap(alarmSignal), new Date());
  const restarted = await markSeen(tx, inserted);
  // Heard from again: a bridge-offline alarm clears, after markSeen has locked the greenhouse
  // (the offline sweep takes the same lock: notify/alarms.server.ts).
  await clearOfflineAlarms(tx, [...new Set(inserted.map((i) => i.greenhouse.id))], new Date());
  // Open pages of these greenhouses hear of it at commit (irrigation/live-feed.server.ts).
  await announce(
    tx,
    inserted.map((i) => ({ greenhouseId: i.greenhouse.id, what: i.message.kind === 'event' ? 'change' : 'report' })),
  );
  return { stored: inserted.length, duplicates: candidates.length - inserted.length, clamped, restarted };
}

async function knownGreenhouses(tx: Tx, thingNames: string[]): Promise<Map<string, KnownGreenhouse>> {
  // One statement, not Prisma's two (greenhouses, then their zones) and their result mapping.
  const rows = await tx.$queryRaw<
    { id: string; thingName: string; messageSeries: string | null; zoneId: string | null; zoneKey: string | null }[]
  >`
    SELECT g."id", g."thingName", g."messageSeries", z."id" AS "zoneId", z."key" AS "zoneKey"
    FROM "Greenhouse" g LEFT JOIN "Zone" z ON z."greenhouseId" = g."id"
    WHERE g."thingName" = ANY(${thingNames}::text[])`;
  const known = new Map<string, KnownGreenhouse>();
  for (const { id, thingName, messageSeries, zoneId, zoneKey } of rows) {
    let greenhouse = known.get(thingName);
    if (!greenhouse) known.set(thingName, (greenhouse = { id, thingName, messageSeries, zones: new Map() }));
    if (zoneId !== null && zoneKey !== null) greenhouse.zones.set(zoneKey, zoneId);
  }
  return known;
}

function zoneKeys(message: Message): string[] {
  if (message.kind !== 'event') return message.zones.map((z) => z.id);
  const event = message.event;
  return 'zoneId' in event && event.zoneId !== null ? [event.zoneId] : [];
}

function unknownZoneReason(message: Message, greenhouse: KnownGreenhouse): string | null {
  const unknown = zoneKeys(message).filter((key) => !greenhouse.zones.has(key));
  if (unknown.length === 0) return null;
  return `unknown zone${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} in greenhouse "${greenhouse.thingName}" (seq ${message.seq})`;
}

/** Telemetry and summaries with at least one known zone are stored for those zones. */
function hasKnownZone(message: Message, greenhouse: KnownGreenhouse): boolean {
  return message.kind !== 'event' && message.zones.some((z) => greenhouse.zones.has(z.id));
}

function messageKind(message: Message): string {
  return message.kind === 'event' ? `event:${message.event.type}` : message.kind;
}

/** Inserts the IngestedMessage rows and returns the messages that were new (not stored before). */
async function recordMessages(tx: Tx, candidates: Accepted[]): Promise<Accepted[]> {
  if (candidates.length === 0) return [];
  const fresh = await tx.$queryRaw<{ thingName: string; series: string; sequence: string }[]>`
    INSERT INTO "IngestedMessage" ("thingName", "series", "sequence", "kind", "at", "receivedAt")
    SELECT m.thing, m.series, m.seq, m.kind, ${epochSql('m.at')}, ${epochSql('m.received')}
    FROM unnest(
      ${textArray(candidates.map((c) => c.message.thing))}::text[],
      ${textArray(candidates.map((c) => seriesOf(c.message)))}::text[],
      ${numberArray(candidates.map((c) => c.message.seq))}::bigint[],
      ${textArray(candidates.map((c) => messageKind(c.message)))}::text[],
      ${numberArray(candidates.map((c) => c.message.at))}::float8[],
      ${numberArray(candidates.map((c) => c.receivedAt.getTime()))}::float8[]
    ) AS m(thing, series, seq, kind, at, received)
    ON CONFLICT DO NOTHING
    RETURNING "thingName", "series", "sequence"::text AS "sequence"`;
  const inserted = new Set(fresh.map((r) => keyOf(r.thingName, r.series, r.sequence)));
  return candidates.filter(({ message }) => inserted.has(messageKey(message)));
}

/**
 * The batch in (thing, series, seq) order. Nothing here depends on the order messages are applied
 * in (decision 034); one order for every process keeps two batches from locking the same message
 * keys in opposite orders (a deadlock, when two processes got copies of the same messages).
 */
function byMessageKey(messages: Accepted[]): Accepted[] {
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return messages.sort(
    ({ message: a }, { message: b }) => text(a.thing, b.thing) || text(seriesOf(a), seriesOf(b)) || a.seq - b.seq,
  );
}

/** The run a water event writes to, for a zone the greenhouse knows. */
function runEvent({ message, greenhouse }: Accepted): RunEvent[] {
  if (message.kind !== 'event') return [];
  const event = message.event;
  if (event.type !== 'water-started' && event.type !== 'water-stopped') return [];
  const zoneId = greenhouse.zones.get(event.zoneId);
  return zoneId === undefined ? [] : [{ zoneId, event }];
}

/** The signal an alarm event keeps; other events are kept only as their IngestedMessage row. */
function alarmSignal({ message, greenhouse }: Accepted): AlarmSignalRow[] {
  if (message.kind !== 'event') return [];
  const event = message.event;
  if (event.type !== 'alarm-raised' && event.type !== 'alarm-cleared') return [];
  const zoneId = event.zoneId === null ? null : greenhouse.zones.get(event.zoneId);
  if (zoneId === undefined) return [];
  return [
    {
      thingName: message.thing,
      series: seriesOf(message),
      sequence: message.seq,
      greenhouseId: greenhouse.id,
      zoneId,
      kind: event.alarm,
      at: event.at,
      raised: event.type === 'alarm-raised',
      message: event.type === 'alarm-raised' ? event.message : null,
    },
  ];
}

type Seen = { greenhouse: KnownGreenhouse; seen: number; series: string; at: number };

/**
 * Each greenhouse of the batch seen at its latest arrival (never moving back), and its bridge's
 * current series: the newest message's by the bridge's clock, here and in the database, so a late
 * message of an old series does not bring it back. Returns the bridges whose series this batch
 * changed: their numbering restarted.
 */
async function markSeen(tx: Tx, inserted: Accepted[]): Promise<IngestResult['restarted']> {
  const latest = new Map<string, Seen>();
  for (const { greenhouse, receivedAt, message } of inserted) {
    const known = latest.get(greenhouse.id);
    const seen = Math.max(known?.seen ?? 0, receivedAt.getTime());
    const newer = !known || message.at > known.at;
    latest.set(
      greenhouse.id,
      newer ? { greenhouse, seen, series: seriesOf(message), at: message.at } : { ...known, seen },
    );
  }
  if (latest.size === 0) return [];
  // One statement for every greenhouse of the batch, in id order (a stable lock order).
  const seen = [...latest]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, { seen, series, at }]) => ({ id, seen: iso(seen), series, at: iso(at) }));
  const changed = await tx.$queryRaw<{ id: string; messageSeries: string }[]>`
    -- The series before this statement (its snapshot): the UPDATE below takes the row locks.
    WITH before AS (
      SELECT g."id", g."messageSeries" FROM "Greenhouse" g
      WHERE g."id" IN (SELECT s."id" FROM json_to_recordset(${JSON.stringify(seen)}::json) AS s("id" text))
    ),
    updated AS (
      UPDATE "Greenhouse" AS g
      SET "lastSeenAt" = GREATEST(COALESCE(g."lastSeenAt", s."seen"), s."seen"),
        "messageSeries" = CASE WHEN g."messageSeriesAt" IS NULL OR s."at" > g."messageSeriesAt" THEN s."series" ELSE g."messageSeries" END,
        "messageSeriesAt" = GREATEST(COALESCE(g."messageSeriesAt", s."at"), s."at")
      FROM json_to_recordset(${JSON.stringify(seen)}::json) AS s("id" text, "seen" timestamp(3), "series" text, "at" timestamp(3))
      WHERE g."id" = s."id"
      RETURNING g."id", g."messageSeries"
    )
    SELECT u."id", u."messageSeries" FROM updated u JOIN before b ON b."id" = u."id"
    WHERE b."messageSeries" IS NOT NULL AND b."messageSeries" IS DISTINCT FROM u."messageSeries"`;
  return changed.map(({ id, messageSeries }) => ({
    thing: latest.get(id)!.greenhouse.thingName,
    series: messageSeries,
  }));
}

function iso(millis: number): string {
  return new Date(millis).toISOString();
}
