import { setTimeout as sleep } from 'node:timers/promises';
import { type Db, inTransaction } from '@seedline/db';
import { errorMessage } from '@seedline/firmware-bridge/async';
import { MAX_MESSAGE_BYTES, parseMessage } from '@seedline/firmware-bridge/protocol';
import { refreshStaleHourly } from './hourly.server.ts';
import { type IngestItem, type IngestResult, ingestBatch, settledKey } from './store.server.ts';

// Ingest's buffer between the broker and the database, in lanes: each bridge's messages go to the
// same lane, and each lane stores its batches one after another; lanes store side by side, in
// transactions of their own. One lane leaves the database idle while ingest prepares the next
// batch, and ingest idle while the database stores (bench:ingest, docs/benchmarks.md). Lanes are
// batching only: what is stored does not depend on the order or on which lane or process stores a
// message (decision 034); a bridge kept in one lane just makes a process's own transactions
// collide less.

export type IngestStats = {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** Telemetry that set live state at its arrival: dated too far ahead by a bridge whose clock is ahead. */
  clamped: number;
  /** Messages not kept because the buffer was full: never confirmed, so their bridges send them again. */
  shed: number;
};

/** How the lanes store; each unset one takes its default (LANE_DEFAULTS). */
export type LaneTuning = {
  /** Lanes storing side by side. */
  lanes: number;
  /** A lane flushes once this many messages wait in it, */
  batchSize: number;
  /** ...or this long after its last flush. */
  flushMs: number;
  /** Roll-ups are refreshed once caught up, and at least this often under a backlog. */
  rollupEveryMs: number;
  /** Backoff bounds for a failed database write (doubles from min to max). */
  retryMinMs: number;
  retryMaxMs: number;
};

// Batches of up to 2,000: a batch's fixed work (its greenhouses' live state, stale hours, commit) is
// spread over more messages, a quarter more messages a second than 500 (bench:ingest, decision 040).
// A crash no longer loses a batch (bridges send again what ingest did not confirm, decision 038);
// under light load a lane still flushes after flushMs with what it has.
export const LANE_DEFAULTS: LaneTuning = {
  lanes: 2,
  batchSize: 2000,
  flushMs: 200,
  rollupEveryMs: 1000,
  retryMinMs: 200,
  retryMaxMs: 10_000,
};

export type LaneOptions = { [K in keyof LaneTuning]?: LaneTuning[K] | undefined } & {
  db: Db;
  log: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
  /** Shared with the caller, who reads them. */
  counters: IngestStats;
  /** Called after each flush and roll-up: the caller's waiters check the counters. */
  notify: () => void;
  onBatch?: (items: readonly IngestItem[], result: IngestResult) => void;
  onRollup?: (zones: number) => void;
};

/** A payload's size in bytes (a string as UTF-8). */
const payloadBytes = (item: IngestItem) =>
  typeof item.payload === 'string' ? Buffer.byteLength(item.payload) : item.payload.byteLength;

export type Lanes = {
  /** Buffers a message for its lane; one over AWS IoT's 128 KB is refused here, before it is kept. */
  receive(item: IngestItem): void;
  /** Messages received and not yet stored, in all lanes. */
  buffered(): number;
  /** Their payloads' bytes: what the buffer costs in memory. */
  bufferedBytes(): number;
  /** When the oldest message received and not yet stored arrived (epoch ms); null when none waits. */
  oldestWaiting(): number | null;
  /** Stops the timers and stores what is buffered until `deadline` (epoch ms); returns what is left. */
  drain(deadline: number): Promise<number>;
};

type Lane = {
  buffer: IngestItem[];
  /** The bytes of the payloads in `buffer`. */
  bytes: number;
  flushing: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  retryDelay: number;
};

export function startLanes(options: LaneOptions): Lanes {
  const o = tuned(options);
  const lanes: Lane[] = Array.from({ length: Math.max(1, o.lanes) }, () => ({
    buffer: [],
    bytes: 0,
    flushing: undefined,
    timer: undefined,
    retryDelay: 0,
  }));
  const laneOf = (topic: string) => lanes[hash(topic.split('/')[2] ?? '') % lanes.length]!;
  const closed = { now: false };
  const rollups = rollupScheduler(o);
  const store = laneStore(o, resultReporter(o, rollups));
  const flush = laneFlusher(o, store, rollups, closed);
  return {
    receive(item) {
      const lane = accepted(o, item) ? laneOf(item.topic) : undefined;
      if (!lane) return;
      lane.buffer.push(item);
      lane.bytes += payloadBytes(item);
      if (closed.now) return;
      if (lane.buffer.length >= o.batchSize && lane.retryDelay === 0) void flush.now(lane);
      else if (lane.buffer.length === 1 && !lane.flushing) flush.later(lane, o.flushMs);
    },
    buffered: () => lanes.reduce((sum, lane) => sum + lane.buffer.length, 0),
    bufferedBytes: () => lanes.reduce((sum, lane) => sum + lane.bytes, 0),
    // Each lane stores from its head, so its first message is its oldest.
    oldestWaiting: () =>
      lanes.reduce<number | null>((oldest, lane) => {
        const head = lane.buffer[0]?.receivedAt.getTime();
        return head === undefined || (oldest !== null && oldest <= head) ? oldest : head;
      }, null),
    async drain(deadline) {
      closed.now = true;
      await Promise.all(lanes.map((lane) => drainLane(lane, deadline, store)));
      await rollups.run();
      o.notify();
      return lanes.reduce((sum, lane) => sum + lane.buffer.length, 0);
    },
  };
}

function tuned(options: LaneOptions): Tuned {
  const d = LANE_DEFAULTS;
  return {
    ...options,
    lanes: options.lanes ?? d.lanes,
    batchSize: options.batchSize ?? d.batchSize,
    flushMs: options.flushMs ?? d.flushMs,
    rollupEveryMs: options.rollupEveryMs ?? d.rollupEveryMs,
    retryMinMs: options.retryMinMs ?? d.retryMinMs,
    retryMaxMs: options.retryMaxMs ?? d.retryMaxMs,
  };
}

/** Counts a received message; one over AWS IoT's 128 KB is refused here, before it is kept. */
function accepted(o: Tuned, item: IngestItem): boolean {
  o.counters.received += 1;
  const bytes = payloadBytes(item);
  if (bytes <= MAX_MESSAGE_BYTES) return true;
  o.counters.rejected += 1;
  o.log('warn', 'message rejected', {
    topic: item.topic,
    reason: `payload of ${bytes} bytes over ${MAX_MESSAGE_BYTES}`,
  });
  return false;
}

type LaneStore = { flushOnce(lane: Lane): Promise<boolean> };

/** Stores a lane's head batch and takes what committed off it. */
function laneStore(o: Tuned, report: (items: readonly IngestItem[], result: IngestResult) => void): LaneStore {
  /** Counts and reports what was committed, and takes it off the lane's head. */
  const committed = (lane: Lane, items: IngestItem[], result: IngestResult) => {
    for (const item of lane.buffer.splice(0, items.length)) lane.bytes -= payloadBytes(item);
    report(items, result);
  };

  /**
   * A batch the database refuses while it answers holds a message it can never take (one that
   * passed the schema but not the database). Retried whole, it would stop ingest for every bridge:
   * the batch goes again one message at a time, in order, and the one refused alone is rejected.
   * Stops (false) at the first sign of an outage, keeping the rest at the lane's head.
   */
  const isolate = async (lane: Lane, batch: IngestItem[]): Promise<boolean> => {
    for (const item of batch) {
      try {
        committed(lane, [item], await ingestBatch(o.db, [item]));
      } catch (error) {
        if (!(await answers(o.db))) return false;
        committed(lane, [item], refusedAlone(item, error));
      }
    }
    return true;
  };

  /** Stores the lane's head; on a database outage keeps it there and returns false. */
  const flushOnce = async (lane: Lane): Promise<boolean> => {
    const batch = lane.buffer.slice(0, o.batchSize);
    if (batch.length === 0) return true;
    try {
      committed(lane, batch, await ingestBatch(o.db, batch));
      lane.retryDelay = 0;
      return true;
    } catch (error) {
      if ((await answers(o.db)) && (await isolate(lane, batch))) {
        o.log('warn', 'a batch the database refused was stored message by message', {
          messages: batch.length,
          error: errorMessage(error),
        });
        lane.retryDelay = 0;
        return true;
      }
      lane.retryDelay = lane.retryDelay === 0 ? o.retryMinMs : Math.min(o.retryMaxMs, lane.retryDelay * 2);
      o.log('error', 'storing a batch failed, will retry', {
        messages: batch.length,
        buffered: lane.buffer.length,
        retryInMs: lane.retryDelay,
        error: errorMessage(error),
      });
      return false;
    }
  };
  return { flushOnce };
}

/** A message the database refuses on its own: rejected for good, so ingest is done with it. */
function refusedAlone(item: IngestItem, error: unknown): IngestResult {
  const parsed = parseMessage(item.topic, item.payload);
  return {
    stored: 0,
    duplicates: 0,
    rejected: [{ topic: item.topic, reason: `the database refused it: ${errorMessage(error)}` }],
    clamped: 0,
    restarted: [],
    settled: parsed.ok ? [settledKey(parsed.message)] : [],
  };
}

/** One flusher per lane: `now` drains full batches, then waits for flushMs or batchSize; `later` schedules it. */
function laneFlusher(o: Tuned, store: LaneStore, rollups: Rollups, closed: { now: boolean }) {
  const later = (lane: Lane, delay: number) => {
    clearTimeout(lane.timer);
    lane.timer = setTimeout(() => void now(lane), delay);
  };
  const now = (lane: Lane): Promise<void> => {
    if (lane.flushing) return lane.flushing;
    clearTimeout(lane.timer);
    lane.flushing = (async () => {
      let ok = true;
      while (lane.buffer.length > 0 && (ok = await store.flushOnce(lane))) {
        // Caught up: the roll-ups follow before the waiters hear of it. Under a backlog they are
        // refreshed beside the batches at most every rollupEveryMs, without holding the lane up.
        if (rollups.due() && lane.buffer.length < o.batchSize) await rollups.run();
        else if (rollups.due() && rollups.sinceLast() >= o.rollupEveryMs) void rollups.run();
        o.notify();
        if (lane.buffer.length < o.batchSize) break;
      }
      o.notify();
      return ok;
    })().then((ok) => {
      lane.flushing = undefined;
      if (closed.now) return;
      if (!ok) later(lane, lane.retryDelay);
      else if (lane.buffer.length >= o.batchSize) later(lane, 0);
      else if (lane.buffer.length > 0) later(lane, o.flushMs);
    });
    return lane.flushing;
  };
  return { now, later };
}

/** Stops a lane's timer and stores what it holds until `deadline` (epoch ms). */
async function drainLane(lane: Lane, deadline: number, store: LaneStore): Promise<void> {
  clearTimeout(lane.timer);
  await lane.flushing;
  while (lane.buffer.length > 0 && Date.now() < deadline) {
    if (!(await store.flushOnce(lane))) await sleep(Math.min(lane.retryDelay, Math.max(0, deadline - Date.now())));
  }
}

type Tuned = LaneTuning & Omit<LaneOptions, keyof LaneTuning>;

type Rollups = { markDue(): void; due(): boolean; sinceLast(): number; run(): Promise<void> };

/** Hourly roll-ups: one refresh at a time, for every lane; a failure is tried again after the next batch. */
function rollupScheduler(o: Tuned): Rollups {
  let lastRollup = Date.now();
  let due = false;
  let chain: Promise<void> = Promise.resolve();
  return {
    markDue: () => (due = true),
    due: () => due,
    sinceLast: () => Date.now() - lastRollup,
    run() {
      // Stamped now, so a backlog does not start a second while this one waits its turn.
      lastRollup = Date.now();
      return (chain = chain.then(async () => {
        if (!due) return;
        due = false;
        try {
          const zones = await refreshStaleHourly(o.db);
          try {
            o.onRollup?.(zones);
          } catch {
            // Only for metrics.
          }
        } catch (error) {
          due = true;
          o.log('error', 'refreshing hourly roll-ups failed, will retry', { error: errorMessage(error) });
        }
        lastRollup = Date.now();
      }));
    },
  };
}

/** Counts and logs what a committed batch did, and tells `onBatch`. */
function resultReporter(o: Tuned, rollups: Rollups) {
  let lastClockWarning = 0;
  return (items: readonly IngestItem[], result: IngestResult) => {
    o.counters.stored += result.stored;
    if (result.stored > 0) rollups.markDue();
    o.counters.duplicates += result.duplicates;
    o.counters.rejected += result.rejected.length;
    o.counters.clamped += result.clamped;
    for (const r of result.rejected) o.log('warn', 'message rejected', { topic: r.topic, reason: r.reason });
    for (const { thing, series } of result.restarted) {
      o.log('warn', 'a bridge restarted its numbering (a replaced gateway or a lost state folder): new series', {
        thing,
        series,
      });
    }
    // Said once a minute at most: a bridge whose clock is ahead says so with every report.
    if (result.clamped > 0 && Date.now() - lastClockWarning >= 60_000) {
      lastClockWarning = Date.now();
      o.log('warn', 'reports dated ahead of their arrival set live state at their arrival: is a bridge clock ahead?', {
        clamped: o.counters.clamped,
        topics: [...new Set(items.map((i) => i.topic))].slice(0, 5),
      });
    }
    try {
      o.onBatch?.(items, result);
    } catch (error) {
      o.log('error', 'onBatch listener failed', { error: errorMessage(error) });
    }
  };
}

/** Whether the database runs a transaction now: tells an outage from a batch it cannot take. */
function answers(db: Db): Promise<boolean> {
  return inTransaction(db, (tx) => tx.$queryRaw`SELECT 1 AS answers`).then(
    () => true,
    () => false,
  );
}

/** FNV-1a: a thing's lane, the same on every run. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
