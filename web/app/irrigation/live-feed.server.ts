import { Prisma, type Tx } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { z } from 'zod';
import { LIVE_REPORT, type ZoneLiveReport, namedReport } from './greenhouse-live.server.ts';

// Open pages hear about their greenhouse without reloading. Whatever changes a greenhouse (ingest
// storing a report, the bridge answering through its shadow, a farmer's command) announces it with
// PostgreSQL's NOTIFY inside its own transaction: heard at commit, never for a rolled-back change,
// and by every web process on the database. Each process LISTENs once and fans out to its pages'
// Server-Sent-Event streams (routes/farm/live.ts): one read per report and process, not per page.

export const LIVE_CHANNEL = 'seedline_live';

/** `report`: new live values (sent along); `change`: anything else the page shows (it reloads its data). */
export type Announcement = 'report' | 'change';

const noticeSchema = z.object({ g: z.string(), report: z.boolean(), change: z.boolean() });

/** Announces changes of greenhouses, inside the transaction that makes them. */
export async function announce(tx: Tx, changes: readonly { greenhouseId: string; what: Announcement }[]) {
  const byGreenhouse = new Map<string, { report: boolean; change: boolean }>();
  for (const { greenhouseId, what } of changes) {
    const notice = byGreenhouse.get(greenhouseId) ?? { report: false, change: false };
    notice[what] = true;
    byGreenhouse.set(greenhouseId, notice);
  }
  if (byGreenhouse.size === 0) return;
  // One statement for all of them: a batch of ingest touches tens of greenhouses, and a statement
  // each cost a tenth of its time (bench:ingest).
  const notices = [...byGreenhouse].map(([g, notice]) => JSON.stringify({ g, ...notice }));
  await tx.$executeRaw(
    Prisma.sql`SELECT pg_notify(${LIVE_CHANNEL}, n.notice) FROM unnest(${notices}::text[]) AS n(notice)`,
  );
}

export type LiveZone = ZoneLiveReport & { zoneId: string };
export type LiveEvent = { type: 'zones'; zones: ReturnType<typeof namedReport<LiveZone>>[] } | { type: 'change' };
type Listener = (event: LiveEvent) => void;

export type LiveFeed = {
  /** Events of one greenhouse until the returned function is called. */
  subscribe(greenhouseId: string, listener: Listener): () => void;
  /** How many streams are open (for /health and the benchmark). */
  listeners(): number;
  close(): Promise<void>;
};

export async function startLiveFeed(database: Pick<Database, 'prisma' | 'listen'>): Promise<LiveFeed> {
  const listeners = new Map<string, Set<Listener>>();
  const emit = (greenhouseId: string, event: LiveEvent) => {
    for (const listener of listeners.get(greenhouseId) ?? []) listener(event);
  };
  // Reports of one greenhouse that arrive together are read once.
  const reading = new Set<string>();
  const readLive = async (greenhouseId: string) => {
    reading.delete(greenhouseId);
    try {
      const rows = await database.prisma.zoneLive.findMany({
        where: { zone: { greenhouseId } },
        select: { zoneId: true, ...LIVE_REPORT },
      });
      emit(greenhouseId, { type: 'zones', zones: rows.map((row) => namedReport(row)) });
    } catch {
      // The database is away: the next report tries again, and a page still has its last values.
    }
  };
  const onNotify = (payload: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(payload);
    } catch {
      return;
    }
    const notice = noticeSchema.safeParse(raw);
    if (!notice.success || !listeners.has(notice.data.g)) return;
    const { g, report, change } = notice.data;
    if (change) emit(g, { type: 'change' });
    if (report && !reading.has(g)) {
      reading.add(g);
      setImmediate(() => void readLive(g));
    }
  };
  // Notices may have been missed while the connection was away: every page reloads its data.
  const onResume = () => {
    for (const g of listeners.keys()) emit(g, { type: 'change' });
  };
  const stop = await database.listen(LIVE_CHANNEL, onNotify, onResume);
  return {
    subscribe(greenhouseId, listener) {
      const set = listeners.get(greenhouseId) ?? new Set();
      set.add(listener);
      listeners.set(greenhouseId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(greenhouseId);
      };
    },
    listeners: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    close: stop,
  };
}

const key = Symbol.for('seedline.live-feed');
type Holder = { [key]?: LiveFeed };

/** The server starts the feed with the database and hands it to the app here (web/server/start.ts). */
export function setLiveFeed(feed: LiveFeed | undefined): void {
  (globalThis as Holder)[key] = feed;
}

export function liveFeed(): LiveFeed | undefined {
  return (globalThis as Holder)[key];
}
