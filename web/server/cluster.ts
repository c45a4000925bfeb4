import cluster, { type Worker } from 'node:cluster';
import os from 'node:os';

// One HTTP process per core (Node's cluster: the primary accepts connections and hands them to
// its workers in turn). The primary serves no HTTP: it owns the single things — ingest's MQTT
// link, the outbox and the other timers (main.ts) — and forks, watches and stops the workers.

/**
 * How many HTTP workers: WEB_CONCURRENCY if set, else one per core in production and one
 * otherwise (development, tests). The embedded database lives in one process: with it, one.
 */
export function webConcurrency(options: {
  asked: number | undefined;
  production: boolean;
  database: 'postgres' | 'pglite';
}): { count: number; note?: string } {
  const wanted = options.asked ?? (options.production ? os.availableParallelism() : 1);
  if (options.database === 'pglite' && wanted > 1) {
    return { count: 1, note: `one web process, not ${wanted}: the embedded database is opened by one process only` };
  }
  return { count: wanted };
}

export type Workers = {
  /** Resolves with the port once every worker listens. */
  listening: Promise<number>;
  /** Sends SIGTERM to every worker and waits (at most `ms`, then kills) until all have exited. */
  stop(ms: number): Promise<void>;
};

/**
 * Forks `count` workers and hands each message to `onMessage`. A worker that dies after it
 * listened is replaced; one that dies before (a bad build, no database) would die again: the
 * start fails instead (`listening` rejects).
 */
export function forkWorkers(count: number, onMessage: (worker: Worker, message: unknown) => void): Workers {
  let stopping = false;
  const listened = new Set<number>();
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => onMessage(worker, message));
  };
  const listening = new Promise<number>((resolve, reject) => {
    cluster.on('listening', (worker, address) => {
      listened.add(worker.id);
      if (listened.size === count) resolve(address.port);
    });
    cluster.on('exit', (worker, code, signal) => {
      // A worker exits 0 only when told to stop (a signal, or this process gone): not a crash.
      if (stopping || code === 0) return;
      const how = `web worker ${worker.process.pid} exited (${signal ?? code})`;
      // A replacement that cannot start is not forked again (the log says so); the others serve.
      if (!listened.has(worker.id)) return reject(new Error(`${how} before it served`));
      console.error(`${how}: starting another`);
      fork();
    });
  });
  for (let i = 0; i < count; i++) fork();
  return {
    listening,
    async stop(ms) {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      const exited = workers.map(
        (w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))),
      );
      for (const w of workers) w.process.kill('SIGTERM');
      const timer = setTimeout(() => workers.forEach((w) => w.isDead() || w.process.kill('SIGKILL')), ms);
      await Promise.all(exited);
      clearTimeout(timer);
    },
  };
}
