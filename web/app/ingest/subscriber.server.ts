import { errorMessage, withTimeout } from '@seedline/firmware-bridge/async';
import { parseTransport } from '@seedline/firmware-bridge/mqtt-connection';
import type { Db } from '@seedline/db';
import { shadowTopic } from '@seedline/firmware-bridge/shadow';
import { storeShadowDocuments } from '../irrigation/shadow-documents.server.ts';
import type { DesiredPublisher } from '../irrigation/shadow-link.server.ts';
import { startConfirmations } from './confirmations.server.ts';
import { type IngestStats, type LaneTuning, type Lanes, startLanes } from './lanes.server.ts';
import { type IngestLog, ingestLogger, openIngestLink } from './link.server.ts';
import type { IngestItem, IngestResult } from './store.server.ts';

// The broker side of ingest: one MQTT 3.1.1 connection (the AWS IoT device SDK over mutual TLS,
// as the bridge connects) subscribed to every bridge's telemetry and events, or to a share of them
// with the other processes of its group (`shareGroup`: MQTT shared subscriptions), feeding
// `ingestBatch` in batches through lanes (lanes.server.ts). What is stored does not depend on the
// order messages arrive in or on which process stores them (decision 034).
//
// Nothing acknowledged is lost (decision 038): the SDK's MQTT 3.1.1 client sends the QoS 1 PUBACK
// as soon as a message is received, before it is stored (aws-crt has manual acks only for MQTT 5,
// which aedes does not speak), so the PUBACK is not what lets a bridge forget a message. After
// each committed batch ingest confirms what it is done with on `dt/seedline/{thing}/stored`
// (confirmations.server.ts); the bridge keeps every message until then and sends again what is
// not confirmed. A process killed with messages in its buffer loses nothing: their bridges send
// them again, to this process's successor or to another of its share group. A database outage
// loses nothing either: a batch stays at the head of its lane and is retried with backoff; past
// `maxBuffered` waiting messages ingest sheds what comes until half is stored (`shedWhileFull`),
// and the bridges send it again. A batch refused while the database answers is stored message by
// message, and only a message the database refuses on its own is rejected (and confirmed: sending
// it again would not help).
//
// A throw inside an SDK event listener aborts the whole process (aws-crt's native layer), so no
// listener here may throw.

export type { IngestStats };

/** With the lanes' tuning (lanes.server.ts: lanes, batch size, flush, roll-ups, retries). */
export type IngestOptions = Partial<LaneTuning> & {
  db: Db;
  /** false: plain TCP, for tests against a local broker only (see mqtt-connection in the bridge). */
  tls?: boolean;
  /** With TLS (the default): the ingest certificate and key (PEM) and the CA of the broker's certificate. */
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  /** The broker's host: the AWS IoT ATS endpoint, or 127.0.0.1 for the local broker. */
  endpoint: string;
  /** 8883 with TLS, 1883 without by default. */
  port?: number;
  /**
   * Also the persistent session's key: a restart with the same id gets what was queued meanwhile.
   * Every process of a share group needs its own.
   */
  clientId?: string;
  /**
   * Shares the bridges' traffic with the other ingest processes of this group through MQTT shared
   * subscriptions (`$share/<group>/...`, AWS IoT Core and Mosquitto): the broker gives each
   * message to one of them. What ingest stores does not depend on which one, or on the order
   * (decision 034). Unset: this process subscribes to everything.
   */
  shareGroup?: string;
  /**
   * At most this many messages wait in ingest (50,000): at that, ingest keeps none of what comes
   * until half of them are stored; their bridges send them again (`shedWhileFull`). A long database
   * outage then waits in the bridges' outboxes, not in ingest's memory.
   */
  maxBuffered?: number;
  /** And at most this many bytes of payloads (64 MiB): a bridge's large messages count by size. */
  maxBufferedBytes?: number;
  /** Structured JSON lines (one per call); stdout by default. */
  log?: (line: string) => void;
  /** Reconnect backoff bounds (also for the first connect). */
  reconnectMinSeconds?: number;
  reconnectMaxSeconds?: number;
  /**
   * Called after each committed batch with its items (each stored, a duplicate or rejected, as
   * `result` counts them): for metrics and benchmarks. A throw is logged and ignored.
   */
  onBatch?: (items: readonly IngestItem[], result: IngestResult) => void;
  /** Called after each roll-up refresh with the number of zones refreshed. A throw is ignored. */
  onRollup?: (zones: number) => void;
  /** Confirmations to the bridges go out this often (500 ms), one per bridge (decision 038). */
  confirmEveryMs?: number;
};

export type RunningIngest = {
  stats(): IngestStats;
  /** When the oldest message received and not yet committed arrived (epoch ms); null when none waits. */
  oldestWaiting(): number | null;
  /** Sends desired state to a thing's `irrigation` shadow (for the dashboard's settings and commands). */
  publishDesired: DesiredPublisher;
  /** Resolves once connected and subscribed (the first time). */
  ready(): Promise<void>;
  /** Resolves with the stats once `predicate` holds after a flush (or now); rejects after `timeoutMs`. */
  until(predicate: (stats: IngestStats) => boolean, timeoutMs?: number): Promise<IngestStats>;
  /** Disconnects, then stores what is buffered (bounded by `timeoutMs`). */
  close(timeoutMs?: number): Promise<void>;
};

/** Telemetry and events into the buffer; the shadow's documents to the zones' settings state. */
export const INGEST_FILTERS = [
  'dt/seedline/+/telemetry',
  'dt/seedline/+/events',
  '$aws/things/+/shadow/name/irrigation/update/documents',
] as const;

/**
 * The filters a process subscribes to: the bridges' data shared with its group's other processes,
 * if it has one. Shadow documents are never shared: Mosquitto gives a shared subscription nothing
 * under `$aws/` (seen with 2.0.11), so every copy hears and stores each one, newest-wins
 * (shadow-documents.server.ts).
 */
export function ingestFilters(shareGroup?: string): string[] {
  if (shareGroup !== undefined && !/^[A-Za-z0-9_-]+$/.test(shareGroup)) {
    throw new Error(`ingest: shareGroup "${shareGroup}" must be letters, digits, _ and - only`);
  }
  const shared = (filter: string) => shareGroup !== undefined && !filter.startsWith('$aws/');
  return INGEST_FILTERS.map((filter) => (shared(filter) ? `$share/${shareGroup}/${filter}` : filter));
}
const isShadowDocuments = (topic: string) => topic.startsWith('$aws/things/') && topic.endsWith('/update/documents');

export function startIngest(options: IngestOptions): RunningIngest {
  const log = ingestLogger(options.log);
  const counters: IngestStats = { received: 0, stored: 0, duplicates: 0, rejected: 0, clamped: 0, shed: 0 };
  const stats = () => ({ ...counters });
  const waiters = statsWaiters(stats);
  let closed = false;
  const confirmations = startConfirmations({
    publish: (topic, payload) => link.publish(topic, payload),
    everyMs: options.confirmEveryMs ?? 500,
    log,
  });
  const lanes = startLanes({
    db: options.db,
    lanes: options.lanes,
    batchSize: options.batchSize,
    flushMs: options.flushMs,
    rollupEveryMs: options.rollupEveryMs,
    retryMinMs: options.retryMinMs,
    retryMaxMs: options.retryMaxMs,
    log,
    counters,
    notify: () => waiters.check(),
    onBatch(items, result) {
      // Committed: the bridges may forget these now.
      confirmations.add(result.settled);
      options.onBatch?.(items, result);
    },
    onRollup: options.onRollup,
  });
  const shadow = shadowDocumentQueue(options.db, log);
  const link = openIngestLink({
    endpoint: options.endpoint,
    port: options.port,
    clientId: options.clientId ?? 'seedline-ingest',
    transport: parseTransport('ingest', options),
    filters: ingestFilters(options.shareGroup),
    reconnectMinSeconds: options.reconnectMinSeconds ?? 1,
    reconnectMaxSeconds: options.reconnectMaxSeconds ?? 60,
    log,
    onMessage(topic, payload) {
      if (isShadowDocuments(topic)) return shadow.add(topic, new TextDecoder().decode(payload));
      if (!backpressure.keep()) return;
      // Copied: the buffer outlives the callback.
      lanes.receive({ topic, payload: new Uint8Array(payload.slice(0)), receivedAt: new Date() });
    },
  });
  const backpressure = shedWhileFull(options, lanes, counters, log);

  return {
    stats,
    oldestWaiting: () => lanes.oldestWaiting(),
    ready: () => link.subscribed(),
    publishDesired(thing, desired) {
      // Refused at once while the link is down: the farmer should know now.
      return link.publish(shadowTopic(thing, 'update'), JSON.stringify({ state: { desired } }));
    },
    until: waiters.until,
    async close(timeoutMs = 5_000) {
      if (closed) return;
      closed = true;
      // What is stored after this is not confirmed: its bridges send it again, to be stored once.
      confirmations.stop();
      await link.close(timeoutMs);
      // What is buffered was acked to the broker: store it now, within the time allowed.
      const deadline = Date.now() + timeoutMs;
      const lost = await lanes.drain(deadline);
      if (lost > 0) log('error', 'closed with messages not stored', { lost });
      await withTimeout(shadow.idle(), Math.max(0, deadline - Date.now())).catch(() => undefined);
      log('info', 'closed', stats());
    },
  };
}

/**
 * Backpressure: past `maxBuffered` messages (or bytes) waiting, ingest keeps none of what the broker
 * delivers until the lanes are down to half. What it sheds it never confirms, so each bridge sends
 * it again (decision 038), and a bridge with 200 messages unconfirmed sends no new ones: a backlog
 * waits in the bridges' outboxes, on their disks, not in ingest's memory or the broker's queue.
 * Leaving the broker instead (as before, decision 041) made it deliver again, on every return,
 * all it had sent and the SDK had not yet acknowledged: ingest came and went several times a
 * second and received mostly copies.
 */
function shedWhileFull(options: IngestOptions, lanes: Lanes, counters: IngestStats, log: IngestLog) {
  const maxBuffered = options.maxBuffered ?? 50_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024 * 1024;
  const full = () => lanes.buffered() >= maxBuffered || lanes.bufferedBytes() >= maxBufferedBytes;
  const drained = () => lanes.buffered() <= maxBuffered / 2 && lanes.bufferedBytes() <= maxBufferedBytes / 2;
  let shedding = false;
  let shedSince = 0;
  return {
    /** Whether to keep the message just received; counts it as shed when not. */
    keep(): boolean {
      if (shedding && drained()) {
        shedding = false;
        log('info', 'buffer drained: keeping messages again', { buffered: lanes.buffered(), shed: shedSince });
      } else if (!shedding && full()) {
        shedding = true;
        shedSince = 0;
        log('warn', 'buffer full: shedding messages until the database catches up; their bridges send them again', {
          buffered: lanes.buffered(),
          bufferedBytes: lanes.bufferedBytes(),
          maxBuffered,
          maxBufferedBytes,
        });
      }
      if (!shedding) return true;
      shedSince += 1;
      counters.shed += 1;
      return false;
    },
  };
}

/** The shadow's documents, stored one at a time in the order they came. */
function shadowDocumentQueue(db: Db, log: IngestLog) {
  let chain: Promise<void> = Promise.resolve();
  return {
    add(topic: string, text: string) {
      chain = chain.then(async () => {
        try {
          const reason = await storeShadowDocuments(db, topic, text);
          if (reason) log('warn', 'shadow document rejected', { topic, reason });
        } catch (error) {
          // A later document carries the whole reported state again: this one is not retried.
          log('error', 'storing a shadow document failed', { topic, error: errorMessage(error) });
        }
      });
    },
    idle: () => chain,
  };
}

/** `until` for the counters: the waiters are checked after each flush and roll-up (`check`). */
function statsWaiters(stats: () => IngestStats) {
  const waiters = new Set<() => void>();
  return {
    check: () => {
      for (const check of [...waiters]) check();
    },
    until(predicate: (stats: IngestStats) => boolean, timeoutMs = 10_000) {
      return new Promise<IngestStats>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`ingest: condition not met within ${timeoutMs} ms; stats ${JSON.stringify(stats())}`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(stats())) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(stats());
        };
        waiters.add(check);
        check();
      });
    },
  };
}
