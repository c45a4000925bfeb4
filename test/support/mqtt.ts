import { EventEmitter } from 'node:events';
import { type MqttLink, type MqttState, connectMqtt } from '../../firmware-bridge/src/reporting/mqtt.ts';
import type { RunningBroker } from '../../infra/local/broker.ts';
import type { PkiPaths } from '../../infra/local/pki.ts';

/**
 * A bridge's link to the test broker, as the bridge opens it (connectMqtt with the thing's
 * certificate), with quick reconnects and its state changes as events to await.
 */
export function deviceLink(
  broker: RunningBroker,
  pki: PkiPaths,
  thing: string,
): { link: MqttLink; states: EventEmitter } {
  const states = new EventEmitter();
  const link = connectMqtt({
    endpoint: '127.0.0.1',
    port: broker.port,
    thingName: thing,
    certPath: pki.thing(thing).cert,
    keyPath: pki.thing(thing).key,
    caPath: pki.ca.cert,
    reconnectMinSeconds: 1,
    reconnectMaxSeconds: 2,
    connectTimeoutMs: 3_000,
    onState: (state: MqttState) => states.emit(state.kind, state),
  });
  return { link, states };
}
