import type { Tx } from '@seedline/db';
import type { Message, SummaryMessage, TelemetryMessage } from '@seedline/firmware-bridge/protocol';
import { epochSql } from './epoch.server.ts';
import { type ZoneSpan, markHourlyStale } from './hourly.server.ts';

// A batch's readings: one TelemetryReading per message and zone the greenhouse knows, in one
// statement of column arrays (store.server.ts says why), and the hours they touch marked stale.

/** A message stored for the first time, with its greenhouse's zones (zone key → zone id). */
export type NewMessage = { message: Message; greenhouse: { zones: ReadonlyMap<string, string> } };

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
  zoneIds: ReadonlyMap<string, string>,
  zones: Z[],
  fields: (zone: Z) => Omit<ReadingRow, 'zoneId' | 'thingName' | 'sequence'>,
): ReadingRow[] {
  return zones.flatMap((zone) => {
    const zoneId = zoneIds.get(zone.id);
    return zoneId === undefined ? [] : [{ zoneId, thingName: message.thing, sequence: message.seq, ...fields(zone) }];
  });
}

function telemetryRows(message: TelemetryMessage, zoneIds: ReadonlyMap<string, string>): ReadingRow[] {
  return zoneRows(message, zoneIds, message.zones, (zone) => ({
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
function summaryRows(message: SummaryMessage, zoneIds: ReadonlyMap<string, string>): ReadingRow[] {
  return zoneRows(message, zoneIds, message.zones, (zone) => ({
    at: message.to,
    moisture: zone.moisture?.avg ?? null,
    temperature: null,
    humidity: null,
    flowLpm: null,
    valveOpen: zone.valveOpen,
    litresToday: zone.litresToday,
  }));
}

export async function storeReadings(tx: Tx, inserted: readonly NewMessage[]): Promise<void> {
  const rows = inserted.flatMap(({ message, greenhouse }) =>
    message.kind === 'telemetry'
      ? telemetryRows(message, greenhouse.zones)
      : message.kind === 'summary'
        ? summaryRows(message, greenhouse.zones)
        : [],
  );
  if (rows.length === 0) return;
  const column = <K extends keyof ReadingRow>(key: K) => rows.map((r) => r[key]);
  await tx.$executeRaw`
    INSERT INTO "TelemetryReading"
      ("zoneId", "thingName", "sequence", "at", "moisture", "temperature", "humidity", "flowLpm", "valveOpen", "litresToday")
    SELECT r.zone, r.thing, r.seq, ${epochSql('r.at')}, r.moisture, r.temperature, r.humidity, r.flow, r.valve, r.litres
    FROM unnest(
      ${column('zoneId')}::text[], ${column('thingName')}::text[], ${column('sequence')}::bigint[],
      ${column('at')}::float8[], ${column('moisture')}::float8[], ${column('temperature')}::float8[],
      ${column('humidity')}::float8[], ${column('flowLpm')}::float8[], ${column('valveOpen')}::boolean[],
      ${column('litresToday')}::float8[]
    ) AS r(zone, thing, seq, at, moisture, temperature, humidity, flow, valve, litres)`;
  await markHourlyStale(tx, staleSpans(rows));
}

/** Each zone's earliest and latest reading of the batch. */
function staleSpans(rows: readonly ReadingRow[]): ZoneSpan[] {
  const spans = new Map<string, ZoneSpan>();
  for (const { zoneId, at } of rows) {
    const span = spans.get(zoneId);
    if (span) {
      span.from = Math.min(span.from, at);
      span.to = Math.max(span.to, at);
    } else spans.set(zoneId, { zoneId, from: at, to: at });
  }
  return [...spans.values()];
}
