import { type MqttLink, connectMqtt } from '../../firmware-bridge/src/reporting/mqtt.ts';
import type { PkiPaths } from '../../infra/local/pki.ts';
import { thingName } from './payloads.ts';

// The simulated bridges: each its own thing certificate and its own MQTT 3.1.1 connection, opened
// exactly as the bridge opens it (connectMqtt). Unlike a bridge's publisher (one message in flight,
// at most 50/s), each keeps `window` QoS 1 publishes in flight: the bench wants the fleet's load
// (or a backlog being replayed) at the broker's pace, not one greenhouse's.

export type Fleet = {
  bridges: number;
  /** Publishes every bridge's payloads (seq = index + 1); resolves when all are acknowledged. */
  publishAll(payloads: { topic: string; payloads: string[] }[], window: number): Promise<PublishTimes>;
  close(): Promise<void>;
};

export type PublishTimes = {
  /** performance.now() when each (bridge, seq) was handed to the client: `sentAt[bridge][seq]`. */
  sentAt: Float64Array[];
  firstSentAt: number;
  lastAckAt: number;
};

export async function connectFleet(pki: PkiPaths, port: number, bridges: number): Promise<Fleet> {
  const links: MqttLink[] = [];
  const connected: Promise<void>[] = [];
  for (let bridge = 0; bridge < bridges; bridge++) {
    const thing = thingName(bridge);
    connected.push(
      new Promise<void>((resolve, reject) => {
        links.push(
          connectMqtt({
            endpoint: '127.0.0.1',
            port,
            thingName: thing,
            certPath: pki.thing(thing).cert,
            keyPath: pki.thing(thing).key,
            caPath: pki.ca.cert,
            reconnectMinSeconds: 1,
            reconnectMaxSeconds: 2,
            onState: (state) => {
              if (state.kind === 'connected') resolve();
              else if (state.kind === 'connect-failed') reject(new Error(`${thing}: ${state.error.message}`));
              // A drop mid-run would be retried by a real bridge; here it would skew the figures.
              else if (state.kind === 'interrupted') console.error(`bench: ${thing} lost its connection`);
            },
          }),
        );
      }),
    );
  }
  const close = () => Promise.all(links.map((link) => link.close(2_000))).then(() => undefined);
  try {
    await Promise.all(connected);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    bridges,
    close,
    async publishAll(fleet, window) {
      const sentAt = fleet.map(({ payloads }) => new Float64Array(payloads.length + 1));
      const firstSentAt = performance.now();
      await Promise.all(
        fleet.map(async ({ topic, payloads }, bridge) => {
          const link = links[bridge]!;
          const times = sentAt[bridge]!;
          let next = 0;
          // `window` workers per bridge, each taking the next seq: seqs leave in order.
          const worker = async () => {
            while (next < payloads.length) {
              const index = next++;
              times[index + 1] = performance.now();
              await link.publish(topic, payloads[index]!);
            }
          };
          await Promise.all(Array.from({ length: Math.min(window, payloads.length) }, worker));
        }),
      );
      return { sentAt, firstSentAt, lastAckAt: performance.now() };
    },
  };
}
