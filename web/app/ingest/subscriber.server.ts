import { mqtt } from 'aws-iot-device-sdk-v2';
import { defaultPort, newConnection, parseTransport } from '@seedline/firmware-bridge/mqtt-connection';
import { type Db, inTransaction } from '@seedline/db';
import { shadowTopic } from '@seedline/firmware-bridge/shadow';
import { type DesiredPublisher, storeShadowDocuments } from '../irrigation/zone-settings.server.ts';
import { refreshStaleHourly } from './hourly.server.ts';
import { type IngestItem, type IngestResult, ingestBatch } from './store.server.ts';

// The broker side of ingest: one MQTT 3.1.1 connection (the AWS IoT device SDK over mutual TLS,
// as the bridge connects) subscribed to every bridge's telemetry and events, feeding
// `ingestBatch` in batches, in arrival order.
//
// Delivery limit, by design of the SDK: its MQTT 3.1.1 client sends the QoS 1 PUBACK as soon as a
// message is received, before we store it, and offers no way to delay the ack (aws-crt 1.33 has
// manual acks only for MQTT 5, which the local aedes broker does not speak). A crash between
// receipt and the next successful flush therefore loses what sits in the buffer (up to one batch
// plus what arrived during a database outage), and the bridge keeps no copy once acked. A clean
// `close()` flushes the buffer first. A database outage loses nothing: the batch stays at the head
// of the buffer and is retried with backoff. A batch refused while the database answers is stored
// message by message, and only a message the database refuses on its own is rejected (`isolate`).
//
// A throw inside an SDK event listener aborts the whole process (aws-crt's native layer), so no
// listener here may throw.

export type IngestStats = { received: number; stored: number; duplicates: number; rejected: number };

export type IngestOptions = {
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
  /** Also the persistent session's key: a restart with the same id gets what was queued meanwhile. */
  clientId?: string;
  /** Flush once this many messages wait, */
  batchSize?: number;
  /** ...or this long after the last flush. */
  flushMs?: number;
  /**
   * Hourly roll-ups are recomputed once the buffer is drained, and at least this often while a
   * backlog is being stored (1000 ms).
   */
  rollupEveryMs?: number;
  /** Structured JSON lines (one per call); stdout by default. */
  log?: (line: string) => void;
  /** Backoff bounds for a failed database write (doubles from min to max). */
  retryMinMs?: number;
  retryMaxMs?: number;
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
  const batchSize = options.batchSize ?? 500;
  const flushMs = options.flushMs ?? 200;
  const rollupEveryMs = options.rollupEveryMs ?? 1000;
  const retryMinMs = options.retryMinMs ?? 200;
  const retryMaxMs = options.retryMaxMs ?? 10_000;
  const reconnectMinSeconds = options.reconnectMinSeconds ?? 1;
  const reconnectMaxSeconds = options.reconnectMaxSeconds ?? 60;

  const counters: IngestStats = { received: 0, stored: 0, duplicates: 0, rejected: 0 };
  const stats = () => ({ ...counters });
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const check of [...waiters]) check();
  };

  // ---- the buffer and its flusher -------------------------------------------------------------
  const buffer: IngestItem[] = [];
  let flushing: Promise<void> | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  let retryDelay = 0;
  let closed = false;

  let lastRollup = Date.now();
  let rollupDue = false;
  /** Recomputes the stale roll-ups; a failure is logged and tried again after the next batch. */
  const rollup = async () => {
    try {
      const zones = await refreshStaleHourly(options.db);
      rollupDue = false;
      try {
        options.onRollup?.(zones);
      } catch {
        // Only for metrics.
      }
    } catch (error) {
      log('error', 'refreshing hourly roll-ups failed, will retry', { error: errorMessage(error) });
    }
    lastRollup = Date.now();
  };

  /** Counts and reports what was committed, and takes it off the buffer's head. */
  const committed = (items: IngestItem[], result: IngestResult) => {
    buffer.splice(0, items.length);
    counters.stored += result.stored;
    if (result.stored > 0) rollupDue = true;
    counters.duplicates += result.duplicates;
    counters.rejected += result.rejected.length;
    for (const r of result.rejected) log('warn', 'message rejected', { topic: r.topic, reason: r.reason });
    try {
      options.onBatch?.(items, result);
    } catch (error) {
      log('error', 'onBatch listener failed', { error: errorMessage(error) });
    }
  };

  /** Whether the database runs a transaction now: tells an outage from a batch it cannot take. */
  const databaseAnswers = () =>
    inTransaction(options.db, (tx) => tx.$queryRaw`SELECT 1 AS answers`).then(
      () => true,
      () => false,
    );

  /**
   * A batch the database refuses while it answers holds a message it can never take (one that
   * passed the schema but not the database). Retried whole, it would stop ingest for every bridge:
   * the batch goes again one message at a time, in order, and the one refused alone is rejected.
   * Stops (false) at the first sign of an outage, keeping the rest at the buffer's head.
   */
  const isolate = async (batch: IngestItem[]): Promise<boolean> => {
    for (const item of batch) {
      try {
        committed([item], await ingestBatch(options.db, [item]));
      } catch (error) {
        if (!(await databaseAnswers())) return false;
        committed([item], {
          stored: 0,
          duplicates: 0,
          rejected: [{ topic: item.topic, reason: `the database refused it: ${errorMessage(error)}` }],
        });
      }
    }
    return true;
  };

  /** Stores the head of the buffer; on a database outage keeps it there and returns false. */
  const flushOnce = async (): Promise<boolean> => {
    const batch = buffer.slice(0, batchSize);
    if (batch.length === 0) return true;
    try {
      committed(batch, await ingestBatch(options.db, batch));
      retryDelay = 0;
      return true;
    } catch (error) {
      if ((await databaseAnswers()) && (await isolate(batch))) {
        log('warn', 'a batch the database refused was stored message by message', {
          messages: batch.length,
          error: errorMessage(error),
        });
        retryDelay = 0;
        return true;
      }
      retryDelay = retryDelay === 0 ? retryMinMs : Math.min(retryMaxMs, retryDelay * 2);
      log('error', 'storing a batch failed, will retry', {
        messages: batch.length,
        buffered: buffer.length,
        retryInMs: retryDelay,
        error: errorMessage(error),
      });
      return false;
    }
  };

  const schedule = (delay: number) => {
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => void flush(), delay);
  };

  /** One flusher at a time; drains full batches, then waits for flushMs or batchSize. */
  const flush = (): Promise<void> => {
    if (flushing) return flushing;
    clearTimeout(flushTimer);
    flushing = (async () => {
      let ok = true;
      while (buffer.length > 0 && (ok = await flushOnce())) {
        if (rollupDue && (buffer.length < batchSize || Date.now() - lastRollup >= rollupEveryMs)) await rollup();
        notify();
        if (buffer.length < batchSize) break;
      }
      notify();
      return ok;
    })().then((ok) => {
      flushing = undefined;
      if (closed) return;
      if (!ok) schedule(retryDelay);
      else if (buffer.length >= batchSize) schedule(0);
      else if (buffer.length > 0) schedule(flushMs);
    });
    return flushing;
  };

  const receive = (topic: string, payload: ArrayBuffer) => {
    // Copied: the buffer outlives the callback.
    buffer.push({ topic, payload: new Uint8Array(payload.slice(0)), receivedAt: new Date() });
    counters.received += 1;
    if (closed) return;
    if (buffer.length >= batchSize && retryDelay === 0) void flush();
    else if (buffer.length === 1 && !flushing) schedule(flushMs);
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
  const connection = newConnection({
    endpoint: options.endpoint,
    port,
    clientId: options.clientId ?? 'seedline-ingest',
    transport,
    // A persistent session: the broker queues what arrives while ingest is away.
    cleanSession: false,
    reconnectMinSeconds,
    reconnectMaxSeconds,
  });

  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  // One connection-wide handler, not one per subscription: the SDK calls each subscription's
  // handler through its own queue, so messages on two topics could be handled out of order.
  connection.on('message', (topic, payload) => {
    try {
      if (isShadowDocuments(topic)) shadowDocuments(topic, new TextDecoder().decode(payload));
      else receive(topic, payload);
    } catch (error) {
      log('error', 'buffering a message failed', { topic, error: errorMessage(error) });
    }
  });
  let linkUp = false;
  connection.on('interrupt', (error) => {
    linkUp = false;
    if (!closed) log('warn', 'connection lost, reconnecting', { error: String(error) });
  });

  const subscribeAll = async () => {
    for (const filter of INGEST_FILTERS) {
      const granted = await connection.subscribe(filter, mqtt.QoS.AtLeastOnce);
      if (granted.qos !== mqtt.QoS.AtLeastOnce) throw new Error(`subscription to ${filter} refused`);
    }
  };
  /** Subscribes (again when the broker forgot the session), retrying until it works or we close. */
  const subscribe = (reason: string, attempt = 0) => {
    if (closed) return;
    subscribeAll().then(
      () => {
        log('info', 'subscribed', { reason, filters: INGEST_FILTERS });
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
  connection.on('resume', (_returnCode, sessionPresent) => {
    linkUp = true;
    if (closed) return;
    log('info', 'reconnected', { sessionPresent });
    // No resubscribe_existing_topics in the SDK: a lost session means lost subscriptions.
    if (!sessionPresent) subscribe('session lost');
  });

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
      clearTimeout(flushTimer);
      if (everConnected) await withTimeout(connection.disconnect(), timeoutMs).catch(() => undefined);
      // What is buffered was acked to the broker: store it now, within the time allowed.
      const deadline = Date.now() + timeoutMs;
      await flushing;
      while (buffer.length > 0 && Date.now() < deadline) {
        if (!(await flushOnce())) await sleep(Math.min(retryDelay, Math.max(0, deadline - Date.now())));
      }
      if (rollupDue) await rollup();
      notify();
      if (buffer.length > 0) log('error', 'closed with messages not stored', { lost: buffer.length });
      await withTimeout(shadowChain, Math.max(0, deadline - Date.now())).catch(() => undefined);
      log('info', 'closed', stats());
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
