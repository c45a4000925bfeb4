import { EventEmitter } from 'node:events';
import type { MqttTransport } from '../../firmware-bridge/src/reporting/mqtt-connection.ts';
import { type MqttLink, type MqttState, connectMqtt } from '../../firmware-bridge/src/reporting/mqtt.ts';
import type { RunningBroker } from '../../infra/local/broker.ts';
import type { PkiPaths } from '../../infra/local/pki.ts';

/**
 * A test broker on 127.0.0.1: mutual TLS with certificates from `pki`, or plain TCP (no auth).
 * `services` is a listener of its own for ingest, with certificates from a PKI of its own (the
 * Mosquitto set-up's); without it, ingest connects where devices do (aedes).
 */
export type TestEndpoint = { port: number } & (
  { tls: true; pki: PkiPaths; services?: { port: number; pki: PkiPaths } } | { tls: false }
);

/** Where and how `who` (a thing name, or the ingest) connects to `endpoint`: its port and certificate. */
export function connectionFor(
  endpoint: TestEndpoint,
  who: { thing: string } | 'ingest',
): { port: number } & MqttTransport {
  if (!endpoint.tls) return { port: endpoint.port, tls: false };
  const { port, pki } = who === 'ingest' && endpoint.services ? endpoint.services : endpoint;
  const own = who === 'ingest' ? pki.ingest : pki.thing(who.thing);
  return { port, certPath: own.cert, keyPath: own.key, caPath: pki.ca.cert };
}

/**
 * A bridge's link to the test broker, as the bridge opens it (connectMqtt with the thing's
 * certificate), with quick reconnects and its state changes as events to await.
 */
export function deviceLink(
  broker: RunningBroker,
  pki: PkiPaths,
  thing: string,
): { link: MqttLink; states: EventEmitter } {
  return deviceLinkTo({ port: broker.port, tls: true, pki }, thing);
}

/** deviceLink for any test endpoint (Mosquitto's too, with or without TLS). */
export function deviceLinkTo(endpoint: TestEndpoint, thing: string): { link: MqttLink; states: EventEmitter } {
  const states = new EventEmitter();
  const link = connectMqtt({
    ...connectionFor(endpoint, { thing }),
    endpoint: '127.0.0.1',
    clientId: thing,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    connectTimeoutMs: 3_000,
    onState: (state: MqttState) => states.emit(state.kind, state),
  });
  return { link, states };
}
