import { EventEmitter } from 'node:events';
import type { MqttTransport } from '../../firmware-bridge/src/reporting/mqtt-connection.ts';
import { type MqttLink, type MqttState, connectMqtt } from '../../firmware-bridge/src/reporting/mqtt.ts';
import type { RunningBroker } from '../../infra/local/broker.ts';
import type { PkiPaths } from '../../infra/local/pki.ts';

/** A test broker on 127.0.0.1: mutual TLS with certificates from `pki`, or plain TCP (no auth). */
export type TestEndpoint = { port: number } & ({ tls: true; pki: PkiPaths } | { tls: false });

/** How `who` (a thing name, or the ingest) connects to `endpoint`: its certificate, or nothing. */
export function transportFor(endpoint: TestEndpoint, who: { thing: string } | 'ingest'): MqttTransport {
  if (!endpoint.tls) return { tls: false };
  const own = who === 'ingest' ? endpoint.pki.ingest : endpoint.pki.thing(who.thing);
  return { certPath: own.cert, keyPath: own.key, caPath: endpoint.pki.ca.cert };
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
    ...transportFor(endpoint, { thing }),
    endpoint: '127.0.0.1',
    port: endpoint.port,
    thingName: thing,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    connectTimeoutMs: 3_000,
    onState: (state: MqttState) => states.emit(state.kind, state),
  });
  return { link, states };
}
