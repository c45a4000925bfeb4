import { mqtt } from 'aws-iot-device-sdk-v2';
import { newConnection } from '@seedline/firmware-bridge/mqtt-connection';
import type { PkiPaths } from '../../infra/local/pki.ts';
import { INGEST_FILTERS } from '../app/ingest/subscriber.server.ts';
import { epochMs } from './clock.ts';

// The broker's own pace, for the ratio: ingest's principal (its certificate, its filters, QoS 1)
// on the same kind of connection as ingest, but a handler that only counts.

export type Counter = {
  /** Resolves with epochMs() when the `total`-th message has arrived. */
  received(total: number, timeoutMs: number): Promise<number>;
  count(): number;
  close(): Promise<void>;
};

export async function countingSubscriber(pki: PkiPaths, port: number): Promise<Counter> {
  const connection = newConnection({
    endpoint: '127.0.0.1',
    port,
    clientId: `seedline-ingest-bench-raw-${process.pid}`,
    transport: { certPath: pki.ingest.cert, keyPath: pki.ingest.key, caPath: pki.ca.cert },
    // Nothing to keep between runs: a clean session leaves no queue behind in the broker.
    cleanSession: true,
  });
  let count = 0;
  let target = Infinity;
  let reached: (at: number) => void = () => undefined;
  // No throw may escape an SDK listener (it aborts the process): this one cannot throw.
  connection.on('message', () => {
    count += 1;
    if (count === target) reached(epochMs());
  });
  await connection.connect();
  for (const filter of INGEST_FILTERS) {
    const granted = await connection.subscribe(filter, mqtt.QoS.AtLeastOnce);
    if (granted.qos !== mqtt.QoS.AtLeastOnce) throw new Error(`subscription to ${filter} refused`);
  }
  return {
    count: () => count,
    received(total, timeoutMs) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`raw subscriber: ${count} of ${total} messages within ${timeoutMs} ms`)),
          timeoutMs,
        );
        target = total;
        reached = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
        if (count >= total) reached(epochMs());
      });
    },
    async close() {
      await connection.disconnect().catch(() => undefined);
    },
  };
}
