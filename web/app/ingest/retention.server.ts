import type { Db } from '@seedline/db';

// Raw readings (one row per zone per telemetry message) are kept for a configurable period; the
// hourly roll-ups, irrigation runs and alarms stay forever: the batch pages are built on those.

const DAY_MS = 86_400_000;

/** Deletes raw readings older than `keepDays`, a bounded chunk per statement; returns how many. */
export async function pruneRawReadings(
  db: Db,
  options: { keepDays: number; now?: Date; chunk?: number },
): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.keepDays * DAY_MS);
  const chunk = options.chunk ?? 5_000;
  let total = 0;
  for (;;) {
    // Small statements: a long delete would hold back ingest's inserts on the same table.
    const deleted = await db.$executeRaw`
      DELETE FROM "TelemetryReading"
      WHERE ctid IN (SELECT ctid FROM "TelemetryReading" WHERE "at" < ${cutoff} LIMIT ${chunk})`;
    total += deleted;
    if (deleted < chunk) return total;
  }
}

export type Retention = { stop(): void };

/** Prunes once now and then every `everyMs` (hourly by default); a failure is logged and retried next time. */
export function startRetention(options: {
  db: Db;
  keepDays: number;
  everyMs?: number;
  log?: (line: string) => void;
}): Retention {
  const log = options.log ?? ((line: string) => console.log(line));
  let running = false;
  const prune = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await pruneRawReadings(options.db, { keepDays: options.keepDays });
      if (deleted > 0)
        log(
          JSON.stringify({
            level: 'info',
            component: 'retention',
            msg: 'raw readings pruned',
            deleted,
            keepDays: options.keepDays,
          }),
        );
    } catch (error) {
      log(
        JSON.stringify({
          level: 'error',
          component: 'retention',
          msg: 'pruning failed',
          error: (error as Error).message,
        }),
      );
    } finally {
      running = false;
    }
  };
  void prune();
  const timer = setInterval(() => void prune(), options.everyMs ?? 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
