import type { Tx } from '@seedline/db';
import type { TelemetryMessage } from '@seedline/firmware-bridge/protocol';
import { epochSql } from './epoch.server.ts';
import { booleanArray, numberArray, textArray } from './sql-arrays.server.ts';

// Each zone's live state: what its bridge last reported, for the dashboard's live view. Only
// telemetry sets it (a summary has no mode or alarm, and describes the past); newest by the
// bridge's clock, then by sequence, so a message that arrives late never moves it back.

export type LiveTelemetry = { message: TelemetryMessage; zoneIds: ReadonlyMap<string, string> };

type LiveRow = {
  zoneId: string;
  at: number;
  sequence: number;
  moisture: number | null;
  valveOpen: boolean;
  flowLpm: number;
  litresToday: number;
  mode: string;
  alarm: string | null;
  temperature: number | null;
  humidity: number | null;
};

/** The newest reading of each zone among these messages. */
function newestPerZone(telemetry: readonly LiveTelemetry[]): LiveRow[] {
  const newest = new Map<string, LiveRow>();
  for (const { message, zoneIds } of telemetry) {
    for (const zone of message.zones) {
      const zoneId = zoneIds.get(zone.id);
      if (zoneId === undefined) continue;
      const known = newest.get(zoneId);
      if (known && (known.at > message.at || (known.at === message.at && known.sequence > message.seq))) continue;
      newest.set(zoneId, {
        zoneId,
        at: message.at,
        sequence: message.seq,
        moisture: zone.moisture,
        valveOpen: zone.valveOpen,
        flowLpm: zone.flowLpm,
        litresToday: zone.litresToday,
        mode: zone.mode,
        alarm: zone.alarm,
        temperature: message.temperature,
        humidity: message.humidity,
      });
    }
  }
  return [...newest.values()];
}

/** One statement for the batch, in zone id order (a stable lock order between concurrent writers). */
export async function storeZoneLive(tx: Tx, telemetry: readonly LiveTelemetry[]): Promise<void> {
  const rows = newestPerZone(telemetry).sort((a, b) => (a.zoneId < b.zoneId ? -1 : 1));
  if (rows.length === 0) return;
  const column = <K extends keyof LiveRow>(key: K) => rows.map((r) => r[key]);
  // Column arrays, as for the readings (store.server.ts says why); `at` in epoch milliseconds.
  await tx.$executeRaw`
    INSERT INTO "ZoneLive" ("zoneId", "at", "sequence", "moisture", "valveOpen", "flowLpm", "litresToday", "mode", "alarm",
      "temperature", "humidity", "updatedAt")
    SELECT l.zone, ${epochSql('l.at')}, l.seq, l.moisture, l.valve, l.flow, l.litres, l.mode, l.alarm,
      l.temperature, l.humidity, now()
    FROM unnest(
      ${textArray(column('zoneId'))}::text[], ${numberArray(column('at'))}::float8[],
      ${numberArray(column('sequence'))}::bigint[], ${numberArray(column('moisture'))}::float8[],
      ${booleanArray(column('valveOpen'))}::boolean[], ${numberArray(column('flowLpm'))}::float8[],
      ${numberArray(column('litresToday'))}::float8[], ${textArray(column('mode'))}::text[],
      ${textArray(column('alarm'))}::text[], ${numberArray(column('temperature'))}::float8[],
      ${numberArray(column('humidity'))}::float8[]
    ) AS l(zone, at, seq, moisture, valve, flow, litres, mode, alarm, temperature, humidity)
    ON CONFLICT ("zoneId") DO UPDATE SET
      "at" = EXCLUDED."at",
      "sequence" = EXCLUDED."sequence",
      "moisture" = EXCLUDED."moisture",
      "valveOpen" = EXCLUDED."valveOpen",
      "flowLpm" = EXCLUDED."flowLpm",
      "litresToday" = EXCLUDED."litresToday",
      "mode" = EXCLUDED."mode",
      "alarm" = EXCLUDED."alarm",
      "temperature" = EXCLUDED."temperature",
      "humidity" = EXCLUDED."humidity",
      "updatedAt" = EXCLUDED."updatedAt"
    WHERE ("ZoneLive"."at", "ZoneLive"."sequence") < (EXCLUDED."at", EXCLUDED."sequence")`;
}
