import { fork } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBroker } from '../../infra/local/broker.ts';
import { type PkiPaths, brokerTls } from '../../infra/local/pki.ts';

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
  // fork() passes on this process's execArgv, so the child loads TypeScript through tsx as we do.
  const child = fork(childEntry, [pki.dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  type Reply = { type: 'ready'; port: number } | { type: 'cpu'; cpuMs: number };
  // One question at a time: each waits for the next message, or fails if the process is gone.
  let exited = false;
  let waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  child.on('message', (reply: Reply) => waiting?.resolve(reply));
  child.once('exit', (code) => {
    exited = true;
    waiting?.reject(new Error(`the broker process exited (code ${String(code)})`));
  });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      if (exited) return reject(new Error('the broker process has exited'));
      waiting = { resolve, reject };
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('the broker process did not start');
  return {
    port: ready.port,
    async cpuMs() {
      const answer = next();
      child.send({ type: 'cpu' });
      const reply = await answer;
      return reply.type === 'cpu' ? reply.cpuMs : null;
    },
    async close() {
      if (exited) return;
      const gone = once(child, 'exit');
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
