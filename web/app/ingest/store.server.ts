import { type Db, type Tx, inTransaction } from '@seedline/db';
import { announce } from '../irrigation/live-feed.server.ts';
import {
  type EventMessage,
  type Message,
  type SummaryMessage,
  type TelemetryMessage,
  parseMessage,
} from '@seedline/firmware-bridge/protocol';
import { clearOfflineAlarms } from '../notify/alarms.server.ts';
import { queueAlarmNotices } from '../notify/queue.server.ts';
import { type ZoneSpan, markHourlyStale } from './hourly.server.ts';
import { storeZoneLive } from './live.server.ts';

// The storage side of ingest: bridge messages in, rows out. No MQTT here: the broker subscription
// hands its messages over in batches. Idempotent on (thing, series, seq): a message seen before stores
// nothing. One transaction per batch: a database error leaves nothing of the batch behind. The
// hourly roll-ups the batch touches are marked stale here and recomputed by `refreshStaleHourly`.

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
};

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
type KnownGreenhouse = { id: string; thingName: string; messageSeries: string | null; zones: Map<string, string> };

/** Messages sent before bridges had a series are filed under the empty one. */
const seriesOf = (message: Message) => message.series ?? '';
const keyOf = (thing: string, series: string, seq: number | string) => `${thing}\u0000${series}\u0000${seq}`;
const messageKey = (message: Message) => keyOf(message.thing, seriesOf(message), message.seq);

// Rows go to the database as one JSON parameter per statement, unpacked by json_to_recordset,
// not as one bound parameter per value: building and binding thousands of parameters through
// Prisma cost most of a batch's time (bench:ingest, docs/benchmarks.md), and one parameter has no
// 65,535-parameter limit to chunk around. `json`, not `jsonb`: the text is read once; taking a
// batch's readings parameter `::jsonb` cost four times as much (the server builds a binary tree
// first), and `json` made the whole store path about a third faster.

export async function ingestBatch(db: Db, items: IngestItem[]): Promise<IngestResult> {
  const rejected: Rejection[] = [];
  const parsed: { topic: string; message: Message; receivedAt: Date }[] = [];
  for (const item of items) {
    const result = parseMessage(item.topic, item.payload);
    if (result.ok) parsed.push({ topic: item.topic, message: result.message, receivedAt: item.receivedAt });
    else rejected.push({ topic: item.topic, reason: result.reason });
  }
  if (parsed.length === 0) return { stored: 0, duplicates: 0, rejected, clamped: 0, restarted: [] };

  return inTransaction(db, async (tx) => {
    const greenhouses = await knownGreenhouses(tx, [...new Set(parsed.map((p) => p.message.thing))]);

    // Known thing and zones; the first of equal (thing, series, seq) in the batch, the rest are duplicates.
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

    const inserted = inBridgeOrder(await recordMessages(tx, candidates));
    duplicates += candidates.length - inserted.length;

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
    for (const item of inserted) {
      if (item.message.kind === 'event') await applyEvent(tx, item.greenhouse, item.message);
    }
    const restarted = await markSeen(tx, inserted);
    // Heard from again: a bridge-offline alarm clears, after markSeen has locked the greenhouse
    // (the offline sweep takes the same lock: notify/alarms.server.ts).
    await clearOfflineAlarms(tx, [...new Set(inserted.map((i) => i.greenhouse.id))], new Date());
    // Open pages of these greenhouses hear of it at commit (irrigation/live-feed.server.ts).
    await announce(
      tx,
      inserted.map((i) => ({ greenhouseId: i.greenhouse.id, what: i.message.kind === 'event' ? 'change' : 'report' })),
    );
    return { stored: inserted.length, duplicates, rejected, clamped, restarted };
  });
}

async function knownGreenhouses(tx: Tx, thingNames: string[]): Promise<Map<string, KnownGreenhouse>> {
  const rows = await tx.greenhouse.findMany({
    where: { thingName: { in: thingNames } },
    select: { id: true, thingName: true, messageSeries: true, zones: { select: { id: true, key: true } } },
  });
  return new Map(rows.map((g) => [g.thingName, { ...g, zones: new Map(g.zones.map((z) => [z.key, z.id])) }]));
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
  const rows = candidates.map(({ message, receivedAt }) => ({
    thing: message.thing,
    series: seriesOf(message),
    seq: message.seq,
    kind: messageKind(message),
    at: iso(message.at),
    receivedAt: receivedAt.toISOString(),
  }));
  const fresh = await tx.$queryRaw<{ thingName: string; series: string; sequence: string }[]>`
    INSERT INTO "IngestedMessage" ("thingName", "series", "sequence", "kind", "at", "receivedAt")
    SELECT m."thing", m."series", m."seq", m."kind", m."at", m."receivedAt"
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS m("thing" text, "series" text, "seq" bigint, "kind" text, "at" timestamp(3), "receivedAt" timestamp(3))
    ON CONFLICT DO NOTHING
    RETURNING "thingName", "series", "sequence"::text AS "sequence"`;
  const inserted = new Set(fresh.map((r) => keyOf(r.thingName, r.series, r.sequence)));
  return candidates.filter(({ message }) => inserted.has(messageKey(message)));
}

/**
 * Each bridge's messages in the order it numbered them, so events apply a start before its stop.
 * Numbers compare only within a series: a bridge's series follow each other in the order they
 * arrived (a restarted bridge's first message comes after the last of its old series).
 */
function inBridgeOrder(messages: Accepted[]): Accepted[] {
  const seriesRank = new Map<string, number>();
  for (const { message } of messages) {
    const key = `${message.thing}\u0000${seriesOf(message)}`;
    if (!seriesRank.has(key)) seriesRank.set(key, seriesRank.size);
  }
  const rank = (m: Message) => seriesRank.get(`${m.thing}\u0000${seriesOf(m)}`) ?? 0;
  return messages.sort(
    ({ message: a }, { message: b }) =>
      (a.thing < b.thing ? -1 : a.thing > b.thing ? 1 : 0) || rank(a) - rank(b) || a.seq - b.seq,
  );
}

type ReadingRow = {
  zoneId: string;
  thingName: string;
  sequence: number;
  at: number;
  moisture: number | null;
  temperature: number | null;
  humidity: number | null;
  flowLpm: number | null;
  valveOpen: boolean;
  litresToday: number | null;
};

/** One reading per zone the greenhouse knows; zones it does not know were reported as rejected. */
function zoneRows<Z extends { id: string }>(
  message: { thing: string; seq: number },
  greenhouse: KnownGreenhouse,
  zones: Z[],
  fields: (zone: Z) => Omit<ReadingRow, 'zoneId' | 'thingName' | 'sequence'>,
): ReadingRow[] {
  return zones.flatMap((zone) => {
    const zoneId = greenhouse.zones.get(zone.id);
    return zoneId === undefined ? [] : [{ zoneId, thingName: message.thing, sequence: message.seq, ...fields(zone) }];
  });
}

function telemetryRows(message: TelemetryMessage, greenhouse: KnownGreenhouse): ReadingRow[] {
  return zoneRows(message, greenhouse, message.zones, (zone) => ({
    at: message.at,
    moisture: zone.moisture,
    temperature: message.temperature,
    humidity: message.humidity,
    flowLpm: zone.flowLpm,
    valveOpen: zone.valveOpen,
    litresToday: zone.litresToday,
  }));
}

/**
 * A summary (telemetry folded while the link was down) becomes one reading per zone at `to`: its
 * average moisture, the valve and the day's water counter then. Flow, temperature and humidity are
 * not in a summary: null.
 */
function summaryRows(message: SummaryMessage, greenhouse: KnownGreenhouse): ReadingRow[] {
  return zoneRows(message, greenhouse, message.zones, (zone) => ({
    at: message.to,
    moisture: zone.moisture?.avg ?? null,
    temperature: null,
    humidity: null,
    flowLpm: null,
    valveOpen: zone.valveOpen,
    litresToday: zone.litresToday,
  }));
}

async function storeReadings(tx: Tx, inserted: Accepted[]): Promise<void> {
  const rows = inserted.flatMap(({ message, greenhouse }) =>
    message.kind === 'telemetry'
      ? telemetryRows(message, greenhouse)
      : message.kind === 'summary'
        ? summaryRows(message, greenhouse)
        : [],
  );
  if (rows.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "TelemetryReading"
        ("zoneId", "thingName", "sequence", "at", "moisture", "temperature", "humidity", "flowLpm", "valveOpen", "litresToday")
      SELECT r."zoneId", r."thingName", r."sequence", r."at", r."moisture", r."temperature", r."humidity", r."flowLpm",
        r."valveOpen", r."litresToday"
      FROM json_to_recordset(${JSON.stringify(rows.map((r) => ({ ...r, at: iso(r.at) })))}::json)
        AS r("zoneId" text, "thingName" text, "sequence" bigint, "at" timestamp(3), "moisture" double precision,
          "temperature" double precision, "humidity" double precision, "flowLpm" double precision,
          "valveOpen" boolean, "litresToday" double precision)`;
  }
  const spans = new Map<string, ZoneSpan>();
  for (const { zoneId, at } of rows) {
    const span = spans.get(zoneId);
    if (span) {
      span.from = Math.min(span.from, at);
      span.to = Math.max(span.to, at);
    } else spans.set(zoneId, { zoneId, from: at, to: at });
  }
  await markHourlyStale(tx, [...spans.values()]);
}

async function applyEvent(tx: Tx, greenhouse: KnownGreenhouse, message: EventMessage): Promise<void> {
  const event = message.event;
  switch (event.type) {
    case 'water-started': {
      const zoneId = greenhouse.zones.get(event.zoneId)!;
      const startedAt = new Date(event.at);
      // The stop may have come first (a closed run with an unknown start rule): complete it.
      const existing = await tx.irrigationRun.findFirst({ where: { zoneId, startedAt } });
      if (existing) {
        await tx.irrigationRun.update({ where: { id: existing.id }, data: { startRule: event.rule } });
      } else {
        await tx.irrigationRun.create({ data: { zoneId, startedAt, startRule: event.rule, status: 'RUNNING' } });
      }
      return;
    }
    case 'water-stopped': {
      const zoneId = greenhouse.zones.get(event.zoneId)!;
      const startedAt = new Date(event.startedAt);
      const closed = {
        endedAt: new Date(event.at),
        stopRule: event.rule,
        litres: event.litres,
        status: event.rule === 'interrupted' ? ('INTERRUPTED' as const) : ('COMPLETED' as const),
      };
      const running = await tx.irrigationRun.findFirst({ where: { zoneId, startedAt, status: 'RUNNING' } });
      if (running) await tx.irrigationRun.update({ where: { id: running.id }, data: closed });
      else await tx.irrigationRun.create({ data: { zoneId, startedAt, startRule: 'unknown', ...closed } });
      return;
    }
    case 'alarm-raised': {
      const zoneId = event.zoneId === null ? null : greenhouse.zones.get(event.zoneId)!;
      // A bridge that restarts raises its standing alarms again: one open alarm per kind and zone.
      const open = await tx.alarm.findFirst({
        where: { greenhouseId: greenhouse.id, zoneId, kind: event.alarm, clearedAt: null },
      });
      if (!open) {
        const alarm = await tx.alarm.create({
          data: {
            greenhouseId: greenhouse.id,
            zoneId,
            kind: event.alarm,
            message: event.message,
            raisedAt: new Date(event.at),
          },
          select: { id: true },
        });
        // The farm's farmers hear of it: their notices commit with the alarm (notify/).
        await queueAlarmNotices(tx, [alarm.id], 'opened', new Date());
      }
      return;
    }
    case 'alarm-cleared': {
      const zoneId = event.zoneId === null ? null : greenhouse.zones.get(event.zoneId)!;
      const cleared = await tx.alarm.findMany({
        where: {
          greenhouseId: greenhouse.id,
          zoneId,
          kind: event.alarm,
          clearedAt: null,
          raisedAt: { lte: new Date(event.at) },
        },
        select: { id: true },
      });
      const ids = cleared.map((a) => a.id);
      if (ids.length === 0) return;
      await tx.alarm.updateMany({ where: { id: { in: ids } }, data: { clearedAt: new Date(event.at) } });
      await queueAlarmNotices(tx, ids, 'cleared', new Date());
      return;
    }
    case 'mode-changed':
    case 'command-refused':
    case 'settings-applied':
    case 'settings-refused':
      // Kept only as the IngestedMessage row (its kind says which): the shadow carries modes and
      // settings.
      return;
  }
}

/** The bridge was heard from: the latest receive time of its new messages, never moving back. */
/**
 * Each greenhouse of the batch seen at its latest arrival, and its bridge's current series (the
 * last in bridge order). Returns the bridges whose series changed: their numbering restarted.
 */
async function markSeen(tx: Tx, inserted: Accepted[]): Promise<IngestResult['restarted']> {
  const latest = new Map<string, { greenhouse: KnownGreenhouse; seen: number; series: string }>();
  for (const { greenhouse, receivedAt, message } of inserted) {
    const seen = Math.max(latest.get(greenhouse.id)?.seen ?? 0, receivedAt.getTime());
    latest.set(greenhouse.id, { greenhouse, seen, series: seriesOf(message) });
  }
  if (latest.size === 0) return [];
  // One statement for every greenhouse of the batch, in id order (a stable lock order).
  const seen = [...latest]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, { seen, series }]) => ({ id, seen: iso(seen), series }));
  await tx.$executeRaw`
    UPDATE "Greenhouse" AS g
    SET "lastSeenAt" = GREATEST(COALESCE(g."lastSeenAt", s."seen"), s."seen"), "messageSeries" = s."series"
    FROM json_to_recordset(${JSON.stringify(seen)}::json) AS s("id" text, "seen" timestamp(3), "series" text)
    WHERE g."id" = s."id"`;
  return [...latest.values()]
    .filter(({ greenhouse, series }) => greenhouse.messageSeries !== null && greenhouse.messageSeries !== series)
    .map(({ greenhouse, series }) => ({ thing: greenhouse.thingName, series }));
}

function iso(millis: number): string {
  return new Date(millis).toISOString();
}
