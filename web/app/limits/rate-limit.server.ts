import type { Db } from '@seedline/db';
import { type WebRefusal, refusal } from '../errors/refusals.ts';

// Fixed-window counters in the database, so that every web process counts the same attempts
// (decision 011 of the design: nothing assumes it is the only process). A window starts at the
// first event and lasts `windowMs`; the next event after it starts a new one.

export type Limit = { max: number; windowMs: number };

export type Count = { count: number; resetAt: Date };

/** Counts one more event under `key` and returns the window's count with it. */
export async function countEvent(db: Db, key: string, limit: Limit, now = new Date()): Promise<Count> {
  const resetAt = new Date(now.getTime() + limit.windowMs);
  const [row] = await db.$queryRaw<Count[]>`
    INSERT INTO "RateLimit" ("key", "count", "resetAt") VALUES (${key}, 1, ${resetAt})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimit"."resetAt" <= ${now} THEN ${resetAt} ELSE "RateLimit"."resetAt" END
    RETURNING "count", "resetAt"`;
  if (!row) throw new Error(`rate limit ${key}: the counter was not written`);
  return row;
}

/** Counts one more event under `key`; past `limit`, refuses with `code` and the minutes to wait. */
export async function countOrRefuse(db: Db, key: string, limit: Limit, code: WebRefusal, now = new Date()) {
  const { count, resetAt } = await countEvent(db, key, limit, now);
  if (count > limit.max) throw refusal(code, { minutes: minutesUntil(resetAt, now) });
}

/** The events counted under `key` in the window still open at `now` (0 when none is). */
export async function eventsSoFar(db: Db, key: string, now = new Date()): Promise<Count> {
  const row = await db.rateLimit.findUnique({ where: { key }, select: { count: true, resetAt: true } });
  return row && row.resetAt > now ? row : { count: 0, resetAt: now };
}

/** Forgets the events under `key` (a log-in that succeeded clears its account's failures). */
export async function forgetEvents(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Whole minutes until a window resets, at least 1: what a refusal tells the user to wait. */
export function minutesUntil(resetAt: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 60_000));
}

/** Counters whose window has closed are dead weight: removed by the sweep. */
export async function pruneRateLimits(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
  return count;
}
