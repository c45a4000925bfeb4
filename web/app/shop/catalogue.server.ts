import { type Db, calendarDay } from '@seedline/db';
import type { CatalogueQuery } from './catalogue-query.ts';
import { type CatalogueItem, facetsOf, selectItems } from './catalogue.ts';
import { batchesOnSale } from './on-sale.server.ts';
import { publicStoryVersion } from './story-cache.server.ts';

// The catalogue is the shop's front page and, on a harvest day, read as often as the batch pages.
// Its list of batches on sale is kept per process and database like a batch's story (decision
// 031): while the public version is the one it was read under (every change it shows raises that
// version at commit, reservations included), it is still Vietnam's same day (certifications are
// valid by the day), and no live reservation has run out since (that frees units without a write).

type Kept = { version: bigint; day: string; from: number; until: number; items: CatalogueItem[] };
const kept = new WeakMap<Db, Kept>();

function holds(hit: Kept | undefined, version: bigint, now: Date): hit is Kept {
  const at = now.getTime();
  return (
    hit !== undefined && hit.version === version && hit.day === calendarDay(now) && at >= hit.from && at < hit.until
  );
}

/**
 * `batchesOnSale`, read again only when it may have changed. The version is read before the list:
 * a change committing meanwhile is either in the list or raises the version past the kept one.
 */
export async function cachedBatchesOnSale(db: Db, now = new Date()): Promise<Kept> {
  const version = await publicStoryVersion(db);
  const hit = kept.get(db);
  if (holds(hit, version, now)) return hit;
  const { items, until } = await batchesOnSale(db, now);
  const list = {
    version,
    day: calendarDay(now),
    from: now.getTime(),
    until: until?.getTime() ?? Number.POSITIVE_INFINITY,
    items,
  };
  kept.set(db, list);
  return list;
}

/**
 * The catalogue page: the batches a query asks for, the filter choices of all batches on sale,
 * and the instant (ms) the list stops holding with no write (the next hold running out).
 */
export async function catalogue(db: Db, query: CatalogueQuery, now = new Date()) {
  const { items: all, until } = await cachedBatchesOnSale(db, now);
  return { items: selectItems(all, query), facets: facetsOf(all), total: all.length, until };
}
