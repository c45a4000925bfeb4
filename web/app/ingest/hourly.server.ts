import { type Db, Prisma, type Tx, inTransaction } from '@seedline/db';
import { epochSql } from './epoch.server.ts';
import { numberArray, textArray } from './sql-arrays.server.ts';

/** Readings a batch added to one zone: the earliest and latest `at`, milliseconds. */
export type ZoneSpan = { zoneId: string; from: number; to: number };

// Ingest does not recompute roll-ups in each batch's transaction: under load one zone-hour would
// be recomputed from its readings once per batch (most of a batch's cost, bench:ingest). A batch
// records the spans it made stale; `refreshStaleHourly` recomputes them all at once, and ingest
// calls it when it has caught up and at least every second while it has not.

/** Records, in the batch's transaction, that these spans' hours need recomputing. */
export async function markHourlyStale(tx: Tx, spans: ZoneSpan[]): Promise<void> {
  if (spans.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "ZoneHourlyStale" ("zoneId", "fromAt", "toAt")
    SELECT s.zone, ${epochSql('s.from_at')}, ${epochSql('s.to_at')}
    FROM unnest(
      ${textArray(spans.map((s) => s.zoneId))}::text[],
      ${numberArray(spans.map((s) => s.from))}::float8[],
      ${numberArray(spans.map((s) => s.to))}::float8[]
    )
      AS s(zone, from_at, to_at)
    ON CONFLICT DO NOTHING`;
}

/** Any constant: the lock that keeps two refreshes (two ingest processes) from interleaving. */
const REFRESH_LOCK = 7_318_004;

/**
 * Recomputes the roll-ups of every stale span committed so far, and forgets those spans, in one
 * transaction; returns the number of zones refreshed. Spans committed while it runs stay for the
 * next call (their readings may or may not be seen now: recomputing is idempotent).
 */
export async function refreshStaleHourly(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    // Serialized: a refresh that read older readings must not commit after a newer one.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${REFRESH_LOCK}::bigint)::text AS locked`;
    const stale = await tx.$queryRaw<{ zoneId: string; fromAt: Date; toAt: Date }[]>`
      WITH done AS (DELETE FROM "ZoneHourlyStale" RETURNING "zoneId", "fromAt", "toAt")
      SELECT "zoneId", min("fromAt") AS "fromAt", max("toAt") AS "toAt" FROM done GROUP BY "zoneId"`;
    await refreshZoneHourly(
      tx,
      stale.map((s) => ({ zoneId: s.zoneId, from: s.fromAt.getTime(), to: s.toAt.getTime() })),
    );
    return stale.length;
  });
}

/**
 * Recomputes the ZoneHourly rows the spans' readings touch, from the stored readings, so the result
 * does not depend on the order messages arrive in and a replay changes nothing:
 *
 * - samples, moisture min/avg/max, temperature and humidity averages over the hour's readings;
 * - inBandShare: share of the readings with moisture inside the zone's desired band
 *   [moistureLow, moistureHigh] (inclusive), null when the zone has no numeric band;
 * - litres: the rises of the zone's daily counter (`litresToday`) from each reading to the next,
 *   counted in the hour of the later reading; a drop is the local-midnight reset (the rise is then
 *   the new value); the first reading after more than a day with none adds nothing.
 *
 * A late reading changes the rise of the reading after it, so the hours up to that next reading
 * are recomputed too. A summary's reading counts as one sample (its average moisture).
 */
async function refreshZoneHourly(tx: Tx, spans: ZoneSpan[]): Promise<void> {
  if (spans.length === 0) return;
  const touched = Prisma.join(
    spans.map(
      (s) =>
        Prisma.sql`(${s.zoneId}, ${new Date(s.from).toISOString()}::timestamp(3), ${new Date(s.to).toISOString()}::timestamp(3))`,
    ),
  );
  await tx.$executeRaw`
    WITH touched (zone_id, from_at, to_at) AS (VALUES ${touched}),
    ranges AS (
      SELECT t.zone_id,
        date_trunc('hour', t.from_at) AS lo,
        date_trunc('hour', GREATEST(t.to_at, COALESCE(
          (SELECT min(r."at") FROM "TelemetryReading" r WHERE r."zoneId" = t.zone_id AND r."at" > t.to_at),
          t.to_at))) + interval '1 hour' AS hi
      FROM touched t
    ),
    -- From the last counter reading before the range: the rise of the range's first reading.
    windows AS (
      SELECT g.zone_id, g.lo, g.hi, COALESCE(
        (SELECT max(r."at") FROM "TelemetryReading" r
          WHERE r."zoneId" = g.zone_id AND r."at" < g.lo AND r."litresToday" IS NOT NULL),
        g.lo) AS counter_from
      FROM ranges g
    ),
    -- The readings are read per zone through LATERAL ... OFFSET 0 (which keeps the planner from
    -- flattening it back into a join), so each is an index range scan on ("zoneId", "at"). Joined
    -- plainly, the planner hashed a sequential scan of the whole table: per batch, a cost that
    -- grows with every reading ever stored (bench:ingest, docs/benchmarks.md).
    counters AS (
      SELECT w.zone_id AS "zoneId", r."at", r."litresToday" AS cur,
        LAG(r."litresToday") OVER (PARTITION BY w.zone_id ORDER BY r."at", r."sequence") AS prev,
        LAG(r."at") OVER (PARTITION BY w.zone_id ORDER BY r."at", r."sequence") AS prev_at
      FROM windows w
      CROSS JOIN LATERAL (
        SELECT r."at", r."sequence", r."litresToday" FROM "TelemetryReading" r
        WHERE r."zoneId" = w.zone_id AND r."litresToday" IS NOT NULL AND r."at" >= w.counter_from AND r."at" < w.hi
        OFFSET 0
      ) r
    ),
    litres AS (
      SELECT c."zoneId", date_trunc('hour', c."at") AS hour,
        sum(CASE
          WHEN c.prev IS NULL OR c.prev_at < c."at" - interval '1 day' THEN 0
          WHEN c.cur >= c.prev THEN c.cur - c.prev
          ELSE c.cur END) AS litres
      FROM counters c JOIN ranges g ON g.zone_id = c."zoneId"
      WHERE c."at" >= g.lo
      GROUP BY 1, 2
    ),
    band AS (
      SELECT z."id" AS zone_id,
        CASE WHEN jsonb_typeof(z."desiredSettings" -> 'moistureLow') = 'number'
          THEN (z."desiredSettings" ->> 'moistureLow')::double precision END AS low,
        CASE WHEN jsonb_typeof(z."desiredSettings" -> 'moistureHigh') = 'number'
          THEN (z."desiredSettings" ->> 'moistureHigh')::double precision END AS high
      FROM "Zone" z JOIN ranges g ON g.zone_id = z."id"
    ),
    agg AS (
      SELECT g.zone_id AS "zoneId", date_trunc('hour', r."at") AS hour,
        count(*)::int AS samples,
        min(r."moisture") AS moisture_min,
        avg(r."moisture") AS moisture_avg,
        max(r."moisture") AS moisture_max,
        CASE WHEN min(b.low) IS NULL OR min(b.high) IS NULL THEN NULL
          ELSE (count(*) FILTER (WHERE r."moisture" BETWEEN b.low AND b.high))::double precision
            / NULLIF(count(r."moisture"), 0) END AS in_band,
        avg(r."temperature") AS temperature,
        avg(r."humidity") AS humidity
      FROM ranges g
      JOIN band b ON b.zone_id = g.zone_id
      CROSS JOIN LATERAL (
        SELECT r."at", r."moisture", r."temperature", r."humidity" FROM "TelemetryReading" r
        WHERE r."zoneId" = g.zone_id AND r."at" >= g.lo AND r."at" < g.hi
        OFFSET 0
      ) r
      GROUP BY 1, 2
    )
    INSERT INTO "ZoneHourly"
      ("zoneId", "hour", "samples", "moistureMin", "moistureAvg", "moistureMax", "inBandShare", "litres", "temperature", "humidity")
    SELECT a."zoneId", a.hour, a.samples, a.moisture_min, a.moisture_avg, a.moisture_max, a.in_band,
      COALESCE(l.litres, 0), a.temperature, a.humidity
    FROM agg a LEFT JOIN litres l ON l."zoneId" = a."zoneId" AND l.hour = a.hour
    ON CONFLICT ("zoneId", "hour") DO UPDATE SET
      "samples" = EXCLUDED."samples",
      "moistureMin" = EXCLUDED."moistureMin",
      "moistureAvg" = EXCLUDED."moistureAvg",
      "moistureMax" = EXCLUDED."moistureMax",
      "inBandShare" = EXCLUDED."inBandShare",
      "litres" = EXCLUDED."litres",
      "temperature" = EXCLUDED."temperature",
      "humidity" = EXCLUDED."humidity"`;
}
