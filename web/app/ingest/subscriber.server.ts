import { mqtt } from 'aws-iot-device-sdk-v2';
import { errorMessage, withTimeout } from '@seedline/firmware-bridge/async';
import { defaultPort, newConnection, parseTransport } from '@seedline/firmware-bridge/mqtt-connection';
import type { Db } from '@seedline/db';
import { shadowTopic } from '@seedline/firmware-bridge/shadow';
import { storeShadowDocuments } from '../irrigation/shadow-documents.server.ts';
import type { DesiredPublisher } from '../irrigation/shadow-link.server.ts';
import { type IngestStats, type LaneTuning, startLanes } from './lanes.server.ts';
import type { IngestItem, IngestResult } from './store.server.ts';

// The broker side of ingest: one MQTT 3.1.1 connection (the AWS IoT device SDK over mutual TLS,
// as the bridge connects) subscribed to every bridge's telemetry and events, or to a share of them
// with the other processes of its group (`shareGroup`: MQTT shared subscriptions), feeding
// `ingestBatch` in batches through lanes (lanes.server.ts). What is stored does not depend on the
// order messages arrive in or on which process stores them (decision 034).
//
// Delivery limit, by design of the SDK: its MQTT 3.1.1 client sends the QoS 1 PUBACK as soon as a
// message is received, before we store it, and offers no way to delay the ack (aws-crt 1.33 has
// manual acks only for MQTT 5, which the local aedes broker does not speak). A crash between
// receipt and the next successful flush therefore loses what sits in the buffer (up to a batch per
// lane plus what arrived during a database outage), and the bridge keeps no copy once acked. A
// clean `close()` flushes the buffer first. A database outage loses nothing: a batch stays at the
// head of its lane and is retried with backoff; past `maxBuffered` waiting messages ingest leaves
// the broker, which queues the rest in its persistent session. A batch refused while the database
// answers is stored message by message, and only a message the database refuses on its own is
// rejected.
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
   * At most this many messages wait in ingest (50,000): at that, ingest leaves the broker, which
   * keeps what comes meanwhile in ingest's persistent session, and comes back once half of them
   * are stored. A long database outage then fills the broker's queue, not ingest's memory.
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
};

export type RunningIngest = {
  stats(): IngestStats;
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

/** The filters a process subscribes to: shared with its group's other processes, if it has one. */
export function ingestFilters(shareGroup?: string): string[] {
  if (shareGroup !== undefined && !/^[A-Za-z0-9_-]+$/.test(shareGroup)) {
    throw new Error(`ingest: shareGroup "${shareGroup}" must be letters, digits, _ and - only`);
  }
  return INGEST_FILTERS.map((filter) => (shareGroup === undefined ? filter : `$share/${shareGroup}/${filter}`));
}
const isShadowDocuments = (topic: string) => topic.startsWith('$aws/things/') && topic.endsWith('/update/documents');

export function startIngest(options: IngestOptions): RunningIngest {
  const write = options.log ?? ((line: string) => console.log(line));
  const log = (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}) => {
    try {
      write(JSON.stringify({ level, at: new Date().toISOString(), component: 'ingest', msg, ...fields }));
    } catch {
      // Logging must never take ingest (or, inside an SDK callback, the process) down.
    }
  };
  const reconnectMinSeconds = options.reconnectMinSeconds ?? 1;
  const reconnectMaxSeconds = options.reconnectMaxSeconds ?? 60;
  const filters = ingestFilters(options.shareGroup);

  const counters: IngestStats = { received: 0, stored: 0, duplicates: 0, rejected: 0, clamped: 0 };
  const stats = () => ({ ...counters });
  const maxBuffered = options.maxBuffered ?? 50_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024 * 1024;
  const full = () => lanes.buffered() >= maxBuffered || lanes.bufferedBytes() >= maxBufferedBytes;
  const drained = () => lanes.buffered() <= maxBuffered / 2 && lanes.bufferedBytes() <= maxBufferedBytes / 2;
  const waiters = new Set<() => void>();
  const notify = () => {
    resumeIfDrained();
    for (const check of [...waiters]) check();
  };

  // ---- the lanes to the database ------------------------------------------------------------
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
    notify,
    onBatch: options.onBatch,
    onRollup: options.onRollup,
  });
  let closed = false;

  const receive = (topic: string, payload: ArrayBuffer) => {
    // Copied: the buffer outlives the callback.
    lanes.receive({ topic, payload: new Uint8Array(payload.slice(0)), receivedAt: new Date() });
    pauseIfFull();
  };

  // ---- backpressure: leave the broker while the buffer is full ---------------------------------
  let linkUp = false;
  let paused = false;
  const pauseIfFull = () => {
    if (paused || closed || !linkUp || !full()) return;
    paused = true;
    linkUp = false;
    log('warn', 'buffer full: leaving the broker until the database catches up', {
      buffered: lanes.buffered(),
      bufferedBytes: lanes.bufferedBytes(),
      maxBuffered,
      maxBufferedBytes,
    });
    connection.disconnect().catch((error: unknown) => {
      log('error', 'leaving the broker failed', { error: errorMessage(error) });
    });
  };
  const resumeIfDrained = () => {
    if (!paused || closed || !drained()) return;
    paused = false;
    log('info', 'buffer drained: back to the broker', { buffered: lanes.buffered() });
    connection = openConnection();
    connectFirst(0);
  };

  // ---- the shadow's documents: one at a time, in the order they came ------------------------------
  let shadowChain: Promise<void> = Promise.resolve();
  const shadowDocuments = (topic: string, text: string) => {
    shadowChain = shadowChain.then(async () => {
      try {
        const reason = await storeShadowDocuments(options.db, topic, text);
        if (reason) log('warn', 'shadow document rejected', { topic, reason });
      } catch (error) {
        // A later document carries the whole reported state again: this one is not retried.
        log('error', 'storing a shadow document failed', { topic, error: errorMessage(error) });
      }
    });
  };

  // ---- the connection ---------------------------------------------------------------------------
  const transport = parseTransport('ingest', options);
  const port = options.port ?? defaultPort(transport);
  // A disconnected aws-crt connection cannot connect again: leaving the broker (backpressure,
  // above) means a new one, with the same client id and so the same persistent session.
  const openConnection = () => {
    const opened = newConnection({
      endpoint: options.endpoint,
      port,
      clientId: options.clientId ?? 'seedline-ingest',
      transport,
      // A persistent session: the broker queues what arrives while ingest is away.
      cleanSession: false,
      reconnectMinSeconds,
      reconnectMaxSeconds,
    });
    // One connection-wide handler, not one per subscription: the SDK calls each subscription's
    // handler through its own queue, so messages on two topics could be handled out of order.
    opened.on('message', (topic, payload) => {
      try {
        if (isShadowDocuments(topic)) shadowDocuments(topic, new TextDecoder().decode(payload));
        else receive(topic, payload);
      } catch (error) {
        log('error', 'buffering a message failed', { topic, error: errorMessage(error) });
      }
    });
    opened.on('interrupt', (error) => {
      linkUp = false;
      if (!closed) log('warn', 'connection lost, reconnecting', { error: String(error) });
    });
    opened.on('resume', (_returnCode, sessionPresent) => {
      linkUp = true;
      if (closed) return;
      log('info', 'reconnected', { sessionPresent });
      // No resubscribe_existing_topics in the SDK: a lost session means lost subscriptions.
      if (!sessionPresent) subscribe('session lost');
    });
    return opened;
  };
  let connection = openConnection();

  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const subscribeAll = async () => {
    for (const filter of filters) {
      const granted = await connection.subscribe(filter, mqtt.QoS.AtLeastOnce);
      if (granted.qos !== mqtt.QoS.AtLeastOnce) throw new Error(`subscription to ${filter} refused`);
    }
  };
  /** Subscribes (again when the broker forgot the session), retrying until it works or we close. */
  const subscribe = (reason: string, attempt = 0) => {
    if (closed) return;
    subscribeAll().then(
      () => {
        log('info', 'subscribed', { reason, filters });
        markReady();
      },
      (error: unknown) => {
        if (closed) return;
        const delay = Math.min(reconnectMaxSeconds, reconnectMinSeconds * 2 ** attempt) * 1000;
        log('error', 'subscribing failed, will retry', { error: errorMessage(error), retryInMs: delay });
        retryTimer = setTimeout(() => subscribe(reason, attempt + 1), delay);
      },
    );
  };
  // The SDK reconnects by itself only after a first successful connect: the first is ours to retry.
  const connectFirst = (attempt: number) => {
    connection.connect().then(
      (sessionPresent) => {
        everConnected = true;
        linkUp = true;
        if (closed) return void connection.disconnect().catch(() => undefined);
        log('info', 'connected', { endpoint: options.endpoint, port, tls: transport.tls !== false, sessionPresent });
        // Subscribed even with a session present: cheap, and a broker may have kept less than we think.
        subscribe('connected');
      },
      (error: unknown) => {
        if (closed) return;
        const retryInMs = Math.min(reconnectMaxSeconds, reconnectMinSeconds * 2 ** attempt) * 1000;
        log('warn', 'connection failed, will retry', { error: errorMessage(error), retryInMs });
        retryTimer = setTimeout(() => connectFirst(attempt + 1), retryInMs);
      },
    );
  };
  connectFirst(0);

  return {
    stats,
    ready: () => readyPromise,
    publishDesired(thing, desired) {
      if (closed) return Promise.reject(new Error('ingest is closed'));
      // The SDK would hold it in memory until the link is back; the farmer should know now.
      if (!linkUp) return Promise.reject(new Error('not connected to the broker'));
      const payload = JSON.stringify({ state: { desired } });
      return connection.publish(shadowTopic(thing, 'update'), payload, mqtt.QoS.AtLeastOnce).then(() => undefined);
    },
    until(predicate, timeoutMs = 10_000) {
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
    async close(timeoutMs = 5_000) {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      if (everConnected) await withTimeout(connection.disconnect(), timeoutMs).catch(() => undefined);
      // What is buffered was acked to the broker: store it now, within the time allowed.
      const deadline = Date.now() + timeoutMs;
      const lost = await lanes.drain(deadline);
      if (lost > 0) log('error', 'closed with messages not stored', { lost });
      await withTimeout(shadowChain, Math.max(0, deadline - Date.now())).catch(() => undefined);
      log('info', 'closed', stats());
    },
  };
}
