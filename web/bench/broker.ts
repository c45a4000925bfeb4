import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBroker } from '../../infra/local/broker.ts';
import { type PkiPaths, brokerTls } from '../../infra/local/pki.ts';
import { forkHelper } from './child.ts';

/** The embedded aedes broker (mutual TLS), in a child process or in this one. */
export type BenchBroker = {
  port: number;
  /** CPU time the broker's process has used so far, ms (null inline: it is this process's). */
  cpuMs(): Promise<number | null>;
  close(): Promise<void>;
};

const childEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'broker-process.ts');

export async function startBenchBroker(pki: PkiPaths, where: 'child' | 'inline'): Promise<BenchBroker> {
  if (where === 'inline') {
    const broker = await startBroker({
      port: 0,
      tls: await brokerTls(pki),
      log: (line) => console.error(`broker: ${line}`),
    });
    return { port: broker.port, cpuMs: async () => null, close: broker.close };
  }
  type Reply = { type: 'ready'; port: number } | { type: 'cpu'; cpuMs: number };
  const child = forkHelper<Reply>('broker', childEntry, [pki.dir]);
  const ready = await child.ask().catch(async (error: unknown) => {
    await child.close();
    throw error;
  });
  if (ready.type !== 'ready') {
    await child.close();
    throw new Error('the broker process did not start');
  }
  return {
    port: ready.port,
    async cpuMs() {
      const reply = await child.ask({ type: 'cpu' });
      return reply.type === 'cpu' ? reply.cpuMs : null;
    },
    close: () => child.close(),
  };
}
