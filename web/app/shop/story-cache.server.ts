import type { Db } from '@seedline/db';
import type { Locale } from '../i18n/i18n.ts';
import { type BatchStory, batchStory } from './batches.server.ts';

// A batch's public page changes rarely (a record, a correction, stock, a late hour of irrigation
// before its harvest) but is read on every scan of a pack. Its story is kept here per lot, locale
// and public address, with the database's public-story version it was read under; any change to
// what the page shows raises that version when it commits (triggers, decision 031), so one small
// read of the version decides whether a kept story is still the page. Every process keeps its
// own; the version is shared through the database, so a change made through any process shows in
// every process's next page.

/** Enough for every batch on sale in both languages many times over; the least recently read go first. */
const MAX_STORIES = 500;

type Kept = { version: bigint; story: BatchStory };
/** Per database: a process (a test) may open more than one, each with its own version. */
const keptBy = new WeakMap<Db, Map<string, Kept>>();

/** The database's public-story version: raised by every committed change a batch page shows. */
export async function publicStoryVersion(db: Db): Promise<bigint> {
  const row = await db.publicStoryVersion.findUnique({ where: { id: 1 }, select: { value: true } });
  if (!row) throw new Error('PublicStoryVersion has no row: the database is not migrated');
  return row.value;
}

/**
 * `batchStory`, read again only when something it shows has changed since it was kept. The
 * version is read before the story: a change committing meanwhile is either in the story or
 * raises the version past the one it is kept under, never lost. Unknown lots are not kept (anyone
 * can ask for any code).
 */
export async function cachedBatchStory(
  db: Db,
  lotCode: string,
  publicUrl: string,
  locale: Locale,
): Promise<BatchStory | null> {
  const version = await publicStoryVersion(db);
  const kept = keptBy.get(db) ?? new Map<string, Kept>();
  keptBy.set(db, kept);
  const key = `${locale} ${publicUrl} ${lotCode}`;
  const hit = kept.get(key);
  if (hit && hit.version === version) {
    // Read again: it goes to the back of the eviction order.
    kept.delete(key);
    kept.set(key, hit);
    return hit.story;
  }
  const story = await batchStory(db, lotCode, publicUrl, locale);
  if (!story) {
    kept.delete(key);
    return null;
  }
  kept.set(key, { version, story });
  const oldest = kept.keys().next();
  if (kept.size > MAX_STORIES && !oldest.done) kept.delete(oldest.value);
  return story;
}
