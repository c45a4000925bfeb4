// Test support for the Mosquitto brokers: an observer that records what reaches the ingest
// principal in arrival order, a way to end persistent sessions, and waiting on conditions.
import { EventEmitter, once } from 'node:events';
import { mqtt } from 'aws-iot-device-sdk-v2';
import { newConnection } from '../../firmware-bridge/src/reporting/mqtt-connection.ts';
import { parseMessage } from '../../firmware-bridge/src/reporting/protocol.ts';
import { INGEST_FILTERS } from '../../web/app/ingest/subscriber.server.ts';
import { type TestEndpoint, connectionFor } from './mqtt.ts';

/** The Mosquitto every machine here (and CI) runs: plain TCP, anonymous, persistence on. */
export const SYSTEM_MOSQUITTO: TestEndpoint = { port: 1883, tls: false };

/** An SDK connection (MQTT 3.1.1) as the ingest principal would open it. */
function connection(endpoint: TestEndpoint, clientId: string, cleanSession: boolean): mqtt.MqttClientConnection {
  const { port, ...transport } = connectionFor(endpoint, 'ingest');
  return newConnection({
    endpoint: '127.0.0.1',
    port,
    clientId,
    transport,
    cleanSession,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 1,
    connectTimeoutMs: 3_000,
  });
}

/**
 * Ends a persistent session and what the broker queued for it. The shared Mosquitto on 1883 keeps
 * sessions on disk, so a test that leaves one behind makes it queue every message that follows.
 */
export async function discardSession(endpoint: TestEndpoint, clientId: string): Promise<void> {
  const opened = connection(endpoint, clientId, true);
  await opened.connect();
  await opened.disconnect();
}

export type Arrival = { thing: string; seq: number };

export type Observer = {
  /** Every valid message in arrival order (a redelivery appears again). */
  arrivals: Arrival[];
  /** What failed the contract, one reason each. */
  problems: string[];
  /** Seqs of `thing` in order of first arrival: what idempotent ingest stores. */
  firstSeqs(thing: string): number[];
  /** Resolves once `predicate` holds; rejects after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/**
 * Ingest's view of the broker, for order: subscribed to ingest's filters with a persistent session
 * (so it survives a broker restart as ingest does), one connection-wide message handler.
 */
export async function observe(endpoint: TestEndpoint, clientId: string): Promise<Observer> {
  await discardSession(endpoint, clientId);
  const opened = connection(endpoint, clientId, false);
  const arrivals: Arrival[] = [];
  const problems: string[] = [];
  const events = new EventEmitter();
  opened.on('message', (topic: string, payload: ArrayBuffer) => {
    const parsed = parseMessage(topic, new Uint8Array(payload));
    if (parsed.ok) arrivals.push({ thing: parsed.message.thing, seq: parsed.message.seq });
    else problems.push(parsed.reason);
    events.emit('change');
  });
  const subscribeAll = async () => {
    for (const filter of INGEST_FILTERS) {
      const granted = await opened.subscribe(filter, mqtt.QoS.AtLeastOnce);
      if (granted.qos !== mqtt.QoS.AtLeastOnce) throw new Error(`subscription to ${filter} refused`);
    }
  };
  // A throw inside an SDK event listener aborts the process: nothing here may throw.
  opened.on('resume', (_code: number, sessionPresent: boolean) => {
    if (!sessionPresent)
      subscribeAll().catch((error: unknown) => problems.push(`resubscribe failed: ${String(error)}`));
  });
  await opened.connect();
  await subscribeAll();
  return {
    arrivals,
    problems,
    firstSeqs: (thing) => [...new Set(arrivals.filter((a) => a.thing === thing).map((a) => a.seq))],
    until: (predicate, timeoutMs) => waitFor(events, 'change', predicate, timeoutMs),
    async close() {
      await opened.disconnect();
      await discardSession(endpoint, clientId);
    },
  };
}

/** Resolves once `predicate` holds, checking now and after each `event`; rejects after `timeoutMs`. */
export async function waitFor(
  emitter: EventEmitter,
  event: string,
  predicate: () => boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const signal = AbortSignal.timeout(timeoutMs);
  while (!predicate()) {
    try {
      await once(emitter, event, { signal });
    } catch (error) {
      if (signal.aborted) throw new Error(`condition not met within ${timeoutMs} ms`);
      throw error;
    }
  }
}
