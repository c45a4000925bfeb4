import { mqtt } from 'aws-iot-device-sdk-v2';
import { withTimeout } from '../async.ts';
import { newConnection, parseTransport } from './mqtt-connection.ts';
import type { Publisher } from './publisher.ts';

/**
 * The bridge's MQTT link: the AWS IoT device SDK's MQTT 3.1.1 client over mutual TLS. It works with
 * AWS IoT Core, Mosquitto and the local aedes broker (the SDK's MQTT 5 client does not work with
 * aedes).
 *
 * The durable outbox is the only queue. A publish made while the link is down is refused at once
 * rather than left in the SDK's in-memory offline queue, and a publish in flight when the link
 * drops is failed: the publisher retries it from the outbox after the link is back (`onState`
 * tells it when). Should the SDK also resend it after reconnecting, ingest stores it once, as it
 * is idempotent on (thing, series, seq), and order is kept: one message in flight, a failed one
 * goes again before the next.
 */
export type MqttState =
  | { kind: 'connected' }
  | { kind: 'connect-failed'; error: Error; retryInMs: number }
  | { kind: 'interrupted'; error: Error }
  | { kind: 'resumed'; sessionPresent: boolean }
  | { kind: 'closed' };

export type MqttOptions = {
  /** false: plain TCP, for tests against a local broker only (see mqtt-connection.ts). */
  tls?: boolean;
  /** With TLS (the default): the thing's certificate and key (PEM) and the CA of the broker's certificate. */
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  /** Host name of the broker (the AWS IoT Core ATS endpoint, or 127.0.0.1 locally). */
  endpoint: string;
  /** 8883 with TLS, 1883 without by default. */
  port?: number;
  /** Also the MQTT client id, as AWS IoT policies and the local broker's ACL require. */
  thingName: string;
  onState?: (state: MqttState) => void;
  keepAliveSeconds?: number;
  /** Bounds of the reconnect backoff (the SDK doubles from min to max); also used for the first connect. */
  reconnectMinSeconds?: number;
  reconnectMaxSeconds?: number;
  /** A publish without PUBACK for this long fails (the publisher retries it). */
  operationTimeoutMs?: number;
  /** TCP connect timeout. */
  connectTimeoutMs?: number;
};

export type MqttLink = {
  /** QoS 1: resolves on PUBACK, rejects when not connected, on a dropped link or a timeout. */
  publish(topic: string, payload: string): Promise<void>;
  connected(): boolean;
  /**
   * QoS 1 subscription, made again on every (re)connect (a broker that lost the session forgets
   * it). `onMessage` runs on the SDK's thread of events: a throw there is caught and logged.
   */
  subscribe(filter: string, onMessage: (topic: string, payload: string) => void): void;
  /** Disconnects (bounded by `timeoutMs`) and stops reconnecting; further publishes reject. */
  close(timeoutMs?: number): Promise<void>;
};

export function connectMqtt(options: MqttOptions): MqttLink {
  // A throw inside an SDK event callback aborts the whole process (a fatal error in aws-crt's
  // native layer), so the caller's listener is never allowed to throw into it.
  const onState = (state: MqttState) => {
    try {
      options.onState?.(state);
    } catch (error) {
      console.error(`bridge: MQTT state listener failed: ${asError(error).message}`);
    }
  };
  const minSeconds = options.reconnectMinSeconds ?? 1;
  const maxSeconds = options.reconnectMaxSeconds ?? 60;
  const connection = newConnection({
    endpoint: options.endpoint,
    port: options.port,
    clientId: options.thingName,
    transport: parseTransport('bridge', options),
    // A persistent session: the broker keeps what it owes us (and our subscriptions) across drops.
    cleanSession: false,
    keepAliveSeconds: options.keepAliveSeconds,
    operationTimeoutMs: options.operationTimeoutMs,
    reconnectMinSeconds: minSeconds,
    reconnectMaxSeconds: maxSeconds,
    connectTimeoutMs: options.connectTimeoutMs,
  });

  let isConnected = false;
  let everConnected = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  const subscriptions = new Map<string, (topic: string, payload: string) => void>();
  const decoder = new TextDecoder();
  // One connection-wide handler, not one per subscription: the SDK calls each subscription's
  // handler through its own queue, so messages on two topics could be handled out of order.
  connection.on('message', (topic, payload) => {
    for (const [filter, onMessage] of subscriptions) {
      if (!topicMatches(filter, topic)) continue;
      try {
        onMessage(topic, decoder.decode(payload));
      } catch (error) {
        console.error(`MQTT: handling a message on ${topic} failed: ${asError(error).message}`);
      }
    }
  });
  const subscribeAll = () => {
    for (const filter of subscriptions.keys()) {
      connection
        .subscribe(filter, mqtt.QoS.AtLeastOnce)
        .catch((error: unknown) => console.error(`MQTT: subscribing to ${filter} failed: ${asError(error).message}`));
    }
  };
  const inFlight = new Set<(error: Error) => void>();

  const failInFlight = (error: Error) => {
    for (const fail of [...inFlight]) fail(error);
  };

  connection.on('interrupt', (error) => {
    isConnected = false;
    const reason = new Error(`MQTT connection interrupted: ${String(error)}`);
    failInFlight(reason);
    if (!closed) onState({ kind: 'interrupted', error: reason });
  });
  connection.on('resume', (_returnCode, sessionPresent) => {
    isConnected = true;
    if (closed) return;
    subscribeAll();
    onState({ kind: 'resumed', sessionPresent });
  });

  // The SDK reconnects by itself only after a first successful connect: the first is ours to retry.
  const connectFirst = (attempt: number) => {
    connection.connect().then(
      () => {
        everConnected = true;
        // Closed while connecting: end the connection the close could not.
        if (closed) return void connection.disconnect().catch(() => undefined);
        isConnected = true;
        subscribeAll();
        onState({ kind: 'connected' });
      },
      (error: unknown) => {
        if (closed) return;
        const retryInMs = Math.min(maxSeconds, minSeconds * 2 ** attempt) * 1000;
        onState({ kind: 'connect-failed', error: asError(error), retryInMs });
        retryTimer = setTimeout(() => connectFirst(attempt + 1), retryInMs);
      },
    );
  };
  connectFirst(0);

  return {
    connected: () => isConnected,
    subscribe(filter, onMessage) {
      subscriptions.set(filter, onMessage);
      if (isConnected) subscribeAll();
    },
    publish(topic, payload) {
      if (closed) return Promise.reject(new Error('the MQTT link is closed'));
      if (!isConnected) return Promise.reject(new Error('MQTT not connected'));
      return new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => {
          inFlight.delete(fail);
          reject(error);
        };
        inFlight.add(fail);
        connection.publish(topic, payload, mqtt.QoS.AtLeastOnce).then(
          () => {
            inFlight.delete(fail);
            resolve();
          },
          (error: unknown) => fail(asError(error)),
        );
      });
    },
    async close(timeoutMs = 5_000) {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      failInFlight(new Error('the MQTT link is closed'));
      isConnected = false;
      // Also while the SDK is reconnecting: disconnect() is what stops it.
      if (everConnected) await withTimeout(connection.disconnect(), timeoutMs).catch(() => undefined);
      onState({ kind: 'closed' });
    },
  };
}

/**
 * The clean shutdown order: the publisher stops after the send in flight settles (its PUBACK,
 * bounded by `timeoutMs`; an unacknowledged message stays in the outbox for the next start),
 * then the link disconnects.
 */
export async function stopReporting(publisher: Publisher, link: MqttLink, timeoutMs = 5_000): Promise<void> {
  await withTimeout(publisher.stop(), timeoutMs).catch(() => undefined);
  await link.close(timeoutMs);
}

/** MQTT topic filter matching (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
