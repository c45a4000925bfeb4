import { mqtt } from 'aws-iot-device-sdk-v2';
import { errorMessage, withTimeout } from '../async.ts';
import { type MqttTransport, defaultPort, newConnection, parseTransport } from './mqtt-connection.ts';
import type { Publisher } from './publisher.ts';

/**
 * The one way a Seedline program keeps an MQTT link (the bridge, ingest, the local shadow service,
 * web's control link): the AWS IoT device SDK's MQTT 3.1.1 client over mutual TLS, with a
 * persistent session. It works with AWS IoT Core, Mosquitto and the local aedes broker (the SDK's
 * MQTT 5 client does not work with aedes).
 *
 * Publishing: a publish made while the link is down is refused at once rather than left in the
 * SDK's in-memory offline queue, and a publish in flight when the link drops is failed: the
 * caller's own queue (the bridge's durable outbox) sends it again after the link is back
 * (`onState` tells it when).
 *
 * Subscribing: every subscription is made again on every (re)connect (a broker that lost the
 * session forgets it), a refused one (SUBACK 0x80, or a granted QoS below 1) is retried with the
 * reconnect backoff and said (`subscribe-failed`), and `subscribed` says when all are in place.
 */
export type MqttState =
  | { kind: 'connected'; sessionPresent: boolean }
  | { kind: 'connect-failed'; error: Error; retryInMs: number }
  | { kind: 'interrupted'; error: Error }
  | { kind: 'resumed'; sessionPresent: boolean }
  | { kind: 'subscribed'; filters: string[] }
  | { kind: 'subscribe-failed'; error: Error; retryInMs: number }
  | { kind: 'closed' };

export type MqttOptions = {
  /** false: plain TCP, for tests against a local broker only (see mqtt-connection.ts). */
  tls?: boolean;
  /** With TLS (the default): the client's certificate and key (PEM) and the CA of the broker's certificate. */
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  /** Host name of the broker (the AWS IoT Core ATS endpoint, or 127.0.0.1 locally). */
  endpoint: string;
  /** 8883 with TLS, 1883 without by default. */
  port?: number;
  /**
   * The MQTT client id, also the persistent session's key. A bridge's is its thing name, as AWS IoT
   * policies and the local broker's ACL require.
   */
  clientId: string;
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

/** A message as it came: its bytes (a caller that keeps them must copy: the buffer is the SDK's). */
export type RawHandler = (topic: string, payload: ArrayBuffer) => void;

export type MqttLink = {
  /** QoS 1: resolves on PUBACK, rejects when not connected, on a dropped link or a timeout. */
  publish(topic: string, payload: string): Promise<void>;
  connected(): boolean;
  /**
   * QoS 1 subscription (`$share/<group>/<filter>` too), kept across reconnects. `onMessage` runs on
   * the SDK's thread of events: a throw there is caught and logged.
   */
  subscribe(filter: string, onMessage: (topic: string, payload: string) => void): void;
  /** subscribe, with the payload's bytes undecoded (ingest: no string made for what it parses as bytes). */
  subscribeRaw(filter: string, onMessage: RawHandler): void;
  /** Resolves once connected and every subscription granted (the first time). */
  subscribed(): Promise<void>;
  /** Disconnects (bounded by `timeoutMs`) and stops reconnecting; further publishes reject. */
  close(timeoutMs?: number): Promise<void>;
};

export function connectMqtt(options: MqttOptions): MqttLink {
  const onState = safeListener(options.onState);
  const minSeconds = options.reconnectMinSeconds ?? 1;
  const maxSeconds = options.reconnectMaxSeconds ?? 60;
  const backoffMs = (attempt: number) => Math.min(maxSeconds, minSeconds * 2 ** attempt) * 1000;
  const transport: MqttTransport = parseTransport(options.clientId, options);
  const subscriptions = new Map<string, RawHandler>();
  const inFlight = inFlightPublishes();
  let isConnected = false;
  let closed = false;
  let everConnected = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let markSubscribed: () => void = () => undefined;
  const everSubscribed = new Promise<void>((resolve) => (markSubscribed = resolve));

  /** Subscribes to every filter, again after a refusal (with backoff) until it works or the link ends. */
  const subscribeAll = (attempt = 0) => {
    if (closed || subscriptions.size === 0) return;
    const filters = [...subscriptions.keys()];
    grantAll(connection, filters).then(
      () => {
        onState({ kind: 'subscribed', filters });
        markSubscribed();
      },
      (error: unknown) => {
        if (closed) return;
        const retryInMs = backoffMs(attempt);
        onState({ kind: 'subscribe-failed', error: asError(error), retryInMs });
        retryTimer = setTimeout(() => subscribeAll(attempt + 1), retryInMs);
      },
    );
  };

  const connection = openConnection(options, transport, {
    onMessage: (topic, payload) => dispatch(subscriptions, topic, payload),
    interrupted(error) {
      isConnected = false;
      const reason = new Error(`MQTT connection interrupted: ${String(error)}`);
      inFlight.failAll(reason);
      if (!closed) onState({ kind: 'interrupted', error: reason });
    },
    resumed(sessionPresent) {
      isConnected = true;
      if (closed) return;
      subscribeAll();
      onState({ kind: 'resumed', sessionPresent });
    },
  });

  // The SDK reconnects by itself only after a first successful connect: the first is ours to retry.
  const connectFirst = (attempt: number) => {
    connection.connect().then(
      (sessionPresent) => {
        everConnected = true;
        // Closed while connecting: end the connection the close could not.
        if (closed) return void connection.disconnect().catch(() => undefined);
        isConnected = true;
        subscribeAll();
        onState({ kind: 'connected', sessionPresent });
      },
      (error: unknown) => {
        if (closed) return;
        const retryInMs = backoffMs(attempt);
        onState({ kind: 'connect-failed', error: asError(error), retryInMs });
        retryTimer = setTimeout(() => connectFirst(attempt + 1), retryInMs);
      },
    );
  };
  connectFirst(0);

  const addSubscription = (filter: string, handler: RawHandler) => {
    subscriptions.set(filter, handler);
    if (isConnected) subscribeAll();
  };

  return {
    connected: () => isConnected,
    subscribe(filter, onMessage) {
      const decoder = new TextDecoder();
      addSubscription(filter, (topic, payload) => onMessage(topic, decoder.decode(payload)));
    },
    subscribeRaw: addSubscription,
    subscribed: () => everSubscribed,
    publish(topic, payload) {
      if (closed) return Promise.reject(new Error('the MQTT link is closed'));
      if (!isConnected) return Promise.reject(new Error('MQTT not connected'));
      return inFlight.publish(connection, topic, payload);
    },
    async close(timeoutMs = 5_000) {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      inFlight.failAll(new Error('the MQTT link is closed'));
      isConnected = false;
      // Also while the SDK is reconnecting: disconnect() is what stops it.
      if (everConnected) await withTimeout(connection.disconnect(), timeoutMs).catch(() => undefined);
      onState({ kind: 'closed' });
    },
  };
}

/**
 * The caller's state listener, never allowed to throw: a throw inside an SDK event callback aborts
 * the whole process (a fatal error in aws-crt's native layer).
 */
function safeListener(listener: ((state: MqttState) => void) | undefined) {
  return (state: MqttState) => {
    try {
      listener?.(state);
    } catch (error) {
      console.error(`MQTT: state listener failed: ${errorMessage(error)}`);
    }
  };
}

/** QoS 1 publishes awaiting their PUBACK, which a dropped link fails at once rather than leaving to the SDK. */
function inFlightPublishes() {
  const pending = new Set<(error: Error) => void>();
  return {
    publish(connection: mqtt.MqttClientConnection, topic: string, payload: string): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const fail = (error: Error) => {
          pending.delete(fail);
          reject(error);
        };
        pending.add(fail);
        connection.publish(topic, payload, mqtt.QoS.AtLeastOnce).then(
          () => {
            pending.delete(fail);
            resolve();
          },
          (error: unknown) => fail(asError(error)),
        );
      });
    },
    failAll(error: Error) {
      for (const fail of [...pending]) fail(error);
    },
  };
}

type ConnectionEvents = {
  onMessage: RawHandler;
  interrupted(error: unknown): void;
  resumed(sessionPresent: boolean): void;
};

/** A new SDK connection with its listeners; none of them may throw (see above). */
function openConnection(
  options: MqttOptions,
  transport: MqttTransport,
  events: ConnectionEvents,
): mqtt.MqttClientConnection {
  const connection = newConnection({
    endpoint: options.endpoint,
    port: options.port ?? defaultPort(transport),
    clientId: options.clientId,
    transport,
    // A persistent session: the broker keeps what it owes us (and our subscriptions) across drops.
    cleanSession: false,
    keepAliveSeconds: options.keepAliveSeconds,
    operationTimeoutMs: options.operationTimeoutMs,
    reconnectMinSeconds: options.reconnectMinSeconds ?? 1,
    reconnectMaxSeconds: options.reconnectMaxSeconds ?? 60,
    connectTimeoutMs: options.connectTimeoutMs,
  });
  // One connection-wide handler, not one per subscription: the SDK calls each subscription's
  // handler through its own queue, so messages on two topics could be handled out of order.
  connection.on('message', events.onMessage);
  connection.on('interrupt', (error) => events.interrupted(error));
  connection.on('resume', (_returnCode, sessionPresent) => events.resumed(sessionPresent));
  return connection;
}

/**
 * Every filter asked for at QoS 1 at once; rejects naming those refused. At once, not one after
 * another: the SUBSCRIBE packets then leave before anything the caller publishes on hearing
 * `connected` (the shadow's `get`), so its answer finds the subscription in place.
 */
async function grantAll(connection: mqtt.MqttClientConnection, filters: string[]): Promise<void> {
  const granted = await Promise.all(
    filters.map((filter) => connection.subscribe(filter, mqtt.QoS.AtLeastOnce).catch(() => undefined)),
  );
  const refused = filters.filter((_, i) => granted[i]?.qos !== mqtt.QoS.AtLeastOnce);
  if (refused.length > 0) throw new Error(`subscription to ${refused.join(', ')} refused`);
}

/** Hands a message to each subscription whose filter matches it. */
function dispatch(subscriptions: Map<string, RawHandler>, topic: string, payload: ArrayBuffer): void {
  for (const [filter, onMessage] of subscriptions) {
    if (!topicMatches(filter, topic)) continue;
    try {
      onMessage(topic, payload);
    } catch (error) {
      console.error(`MQTT: handling a message on ${topic} failed: ${errorMessage(error)}`);
    }
  }
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

/** MQTT topic filter matching (`+` one level, `#` the rest); a shared subscription's filter is what follows its group. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.startsWith('$share/') ? filter.split('/').slice(2) : filter.split('/');
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
