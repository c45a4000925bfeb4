import { mqtt } from 'aws-iot-device-sdk-v2';
import { errorMessage, withTimeout } from '@seedline/firmware-bridge/async';
import { type MqttTransport, defaultPort, newConnection } from '@seedline/firmware-bridge/mqtt-connection';

// Ingest's connection to the broker: one MQTT 3.1.1 connection with a persistent session,
// subscribed to ingest's filters (again whenever the broker lost the session), which it can leave
// and rejoin (backpressure: subscriber.server.ts). A throw inside an SDK event listener aborts the
// whole process (aws-crt's native layer), so no listener here may throw.

export type IngestLog = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** Structured JSON lines through `write` (stdout by default); a failing write is swallowed. */
export function ingestLogger(write: (line: string) => void = (line) => console.log(line)): IngestLog {
  return (level, msg, fields = {}) => {
    try {
      write(JSON.stringify({ level, at: new Date().toISOString(), component: 'ingest', msg, ...fields }));
    } catch {
      // Logging must never take ingest (or, inside an SDK callback, the process) down.
    }
  };
}

export type IngestLinkOptions = {
  endpoint: string;
  port?: number;
  clientId: string;
  transport: MqttTransport;
  filters: readonly string[];
  reconnectMinSeconds: number;
  reconnectMaxSeconds: number;
  log: IngestLog;
  /** Every message of every filter, in arrival order (one connection-wide handler). */
  onMessage: (topic: string, payload: ArrayBuffer) => void;
};

export type IngestLink = {
  /** Resolves once connected and subscribed (the first time). */
  ready(): Promise<void>;
  up(): boolean;
  /** Disconnects; the broker keeps queueing for the persistent session until `rejoin`. */
  leave(): void;
  /** A new connection with the same client id (a disconnected aws-crt connection cannot connect again). */
  rejoin(): void;
  /** QoS 1; refused at once while the link is down (the SDK would hold it in memory). */
  publish(topic: string, payload: string): Promise<void>;
  close(timeoutMs: number): Promise<void>;
};

export function openIngestLink(o: IngestLinkOptions): IngestLink {
  const port = o.port ?? defaultPort(o.transport);
  const backoffMs = (attempt: number) => Math.min(o.reconnectMaxSeconds, o.reconnectMinSeconds * 2 ** attempt) * 1000;
  let linkUp = false;
  let closed = false;
  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const openConnection = () => {
    const opened = newConnection({
      endpoint: o.endpoint,
      port,
      clientId: o.clientId,
      transport: o.transport,
      // A persistent session: the broker queues what arrives while ingest is away.
      cleanSession: false,
      reconnectMinSeconds: o.reconnectMinSeconds,
      reconnectMaxSeconds: o.reconnectMaxSeconds,
    });
    // One connection-wide handler, not one per subscription: the SDK calls each subscription's
    // handler through its own queue, so messages on two topics could be handled out of order.
    opened.on('message', (topic, payload) => {
      try {
        o.onMessage(topic, payload);
      } catch (error) {
        o.log('error', 'buffering a message failed', { topic, error: errorMessage(error) });
      }
    });
    opened.on('interrupt', (error) => {
      linkUp = false;
      if (!closed) o.log('warn', 'connection lost, reconnecting', { error: String(error) });
    });
    opened.on('resume', (_returnCode, sessionPresent) => {
      linkUp = true;
      if (closed) return;
      o.log('info', 'reconnected', { sessionPresent });
      // No resubscribe_existing_topics in the SDK: a lost session means lost subscriptions.
      if (!sessionPresent) subscribe('session lost');
    });
    return opened;
  };
  let connection = openConnection();

  const subscribeAll = async () => {
    for (const filter of o.filters) {
      const granted = await connection.subscribe(filter, mqtt.QoS.AtLeastOnce);
      if (granted.qos !== mqtt.QoS.AtLeastOnce) throw new Error(`subscription to ${filter} refused`);
    }
  };
  /** Subscribes (again when the broker forgot the session), retrying until it works or we close. */
  const subscribe = (reason: string, attempt = 0) => {
    if (closed) return;
    subscribeAll().then(
      () => {
        o.log('info', 'subscribed', { reason, filters: o.filters });
        markReady();
      },
      (error: unknown) => {
        if (closed) return;
        const retryInMs = backoffMs(attempt);
        o.log('error', 'subscribing failed, will retry', { error: errorMessage(error), retryInMs });
        retryTimer = setTimeout(() => subscribe(reason, attempt + 1), retryInMs);
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
        o.log('info', 'connected', { endpoint: o.endpoint, port, tls: o.transport.tls !== false, sessionPresent });
        // Subscribed even with a session present: cheap, and a broker may have kept less than we think.
        subscribe('connected');
      },
      (error: unknown) => {
        if (closed) return;
        const retryInMs = backoffMs(attempt);
        o.log('warn', 'connection failed, will retry', { error: errorMessage(error), retryInMs });
        retryTimer = setTimeout(() => connectFirst(attempt + 1), retryInMs);
      },
    );
  };
  connectFirst(0);

  return {
    ready: () => readyPromise,
    up: () => linkUp,
    leave() {
      linkUp = false;
      connection.disconnect().catch((error: unknown) => {
        o.log('error', 'leaving the broker failed', { error: errorMessage(error) });
      });
    },
    rejoin() {
      connection = openConnection();
      connectFirst(0);
    },
    publish(topic, payload) {
      if (closed) return Promise.reject(new Error('ingest is closed'));
      if (!linkUp) return Promise.reject(new Error('not connected to the broker'));
      return connection.publish(topic, payload, mqtt.QoS.AtLeastOnce).then(() => undefined);
    },
    async close(timeoutMs) {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      if (everConnected) await withTimeout(connection.disconnect(), timeoutMs).catch(() => undefined);
    },
  };
}
