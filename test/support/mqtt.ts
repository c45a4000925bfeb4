import { EventEmitter } from 'node:events';
import { listenForConfirmations } from '../../firmware-bridge/src/reporting/confirmations.ts';
import type { MqttTransport } from '../../firmware-bridge/src/reporting/mqtt-connection.ts';
import { type MqttLink, type MqttState, connectMqtt } from '../../firmware-bridge/src/reporting/mqtt.ts';
import type { Outbox } from '../../firmware-bridge/src/reporting/outbox.ts';
import {
  type Publisher,
  type PublisherOptions,
  createPublisher,
} from '../../firmware-bridge/src/reporting/publisher.ts';
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

/**
 * A bridge's publisher wired as the CLI wires it (`startReporting` in firmware-bridge/src/cli.ts):
 * from its outbox over `link`, woken when the link comes (back) up, each message kept until ingest
 * confirms it. Quick by default: what is not confirmed is sent again after 5 s (a minute on a real
 * bridge); `tuning` overrides that and the rest (`send` to watch or steer what goes out). The
 * caller stops it.
 */
export function bridgePublisher(
  opened: { link: MqttLink; states: EventEmitter },
  thing: string,
  outbox: Outbox,
  tuning: Partial<Omit<PublisherOptions, 'outbox'>> = {},
): Publisher {
  const { link, states } = opened;
  const publisher = createPublisher({
    send: link.publish,
    maxPerSecond: 200,
    backoffMs: 200,
    maxBackoffMs: 1_000,
    confirmWithinMs: 5_000,
    onError: () => undefined,
    ...tuning,
    outbox,
  });
  states.on('connected', () => publisher.wake());
  states.on('resumed', () => publisher.wake());
  listenForConfirmations(link, thing, publisher, () => undefined);
  return publisher;
}
