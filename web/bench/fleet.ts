import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MqttLink, connectMqtt } from '../../firmware-bridge/src/reporting/mqtt.ts';
import type { PkiPaths } from '../../infra/local/pki.ts';
import { forkHelper } from './child.ts';
import { epochMs } from './clock.ts';
import { fleetPayloads, thingName } from './payloads.ts';

// The simulated bridges: each its own thing certificate and its own MQTT 3.1.1 connection, opened
// exactly as the bridge opens it (connectMqtt). Unlike a bridge's publisher (one message in flight,
// at most 50/s), each keeps `window` QoS 1 publishes in flight: the bench wants the fleet's load
// (or a backlog being replayed) at the broker's pace, not one greenhouse's. By default they run in
// a process of their own (fleet-process.ts), as bridges never share ingest's process.

export type Fleet = {
  /** Publishes every bridge's messages (seq 1..n); resolves when all are acknowledged. */
  publishAll(window: number): Promise<PublishTimes>;
  /** CPU time the fleet's process has used so far, ms (null inline: it is this process's). */
  cpuMs(): Promise<number | null>;
  close(): Promise<void>;
};

/** Moments on the bench's shared clock (epochMs), comparable across its processes. */
export type PublishTimes = {
  /** When each (bridge, seq) was handed to its client: `sentAt[bridge][seq]`. */
  sentAt: Float64Array[];
  firstSentAt: number;
  lastAckAt: number;
};

const childEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fleet-process.ts');

/**
 * `counts[bridge]` messages per bridge, built (fleetPayloads) and published where the bridges run:
 * the child builds its own from the counts, so 100k strings need not cross the IPC channel.
 */
export async function startFleet(
  pki: PkiPaths,
  port: number,
  counts: number[],
  where: 'child' | 'inline',
): Promise<Fleet> {
  if (where === 'inline') {
    const fleet = await connectFleet(pki, port, fleetPayloads(counts));
    return { ...fleet, cpuMs: async () => null };
  }
  type Reply = { type: 'ready' } | { type: 'cpu'; cpuMs: number } | ({ type: 'published' } & PublishTimes);
  const child = forkHelper<Reply>('fleet', childEntry, [pki.dir, String(port), counts.join(',')]);
  const ready = await child.ask().catch(async (error: unknown) => {
    await child.close();
    throw error;
  });
  if (ready.type !== 'ready') {
    await child.close();
    throw new Error('the fleet process did not start');
  }
  return {
    async publishAll(window) {
      const reply = await child.ask({ type: 'publish', window });
      if (reply.type !== 'published') throw new Error(`the fleet process answered ${reply.type} to publish`);
      return { sentAt: reply.sentAt, firstSentAt: reply.firstSentAt, lastAckAt: reply.lastAckAt };
    },
    async cpuMs() {
      const reply = await child.ask({ type: 'cpu' });
      return reply.type === 'cpu' ? reply.cpuMs : null;
    },
    close: () => child.close(),
  };
}

/** The bridges connected in this process (inline, or inside the fleet process). */
export async function connectFleet(
  pki: PkiPaths,
  port: number,
  fleet: { topic: string; payloads: string[] }[],
): Promise<Omit<Fleet, 'cpuMs'>> {
  const links: MqttLink[] = [];
  const connected: Promise<void>[] = [];
  for (let bridge = 0; bridge < fleet.length; bridge++) {
    const thing = thingName(bridge);
    connected.push(
      new Promise<void>((resolve, reject) => {
        links.push(
          connectMqtt({
            endpoint: '127.0.0.1',
            port,
            clientId: thing,
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
    close,
    async publishAll(window) {
      const sentAt = fleet.map(({ payloads }) => new Float64Array(payloads.length + 1));
      const firstSentAt = epochMs();
      await Promise.all(
        fleet.map(async ({ topic, payloads }, bridge) => {
          const link = links[bridge]!;
          const times = sentAt[bridge]!;
          let next = 0;
          // `window` workers per bridge, each taking the next seq: seqs leave in order.
          const worker = async () => {
            while (next < payloads.length) {
              const index = next++;
              times[index + 1] = epochMs();
              await link.publish(topic, payloads[index]!);
            }
          };
          await Promise.all(Array.from({ length: Math.min(window, payloads.length) }, worker));
        }),
      );
      return { sentAt, firstSentAt, lastAckAt: epochMs() };
    },
  };
}
