import { openDatabase } from '@seedline/db/setup';
import { ingestEnv } from '../app/env.server.ts';
import { setEmailOutbox } from '../app/orders/email-outbox.server.ts';
import { loadProductionBuild } from './app.ts';
import { workerLink } from './cluster-link.ts';
import type { ServerConfig } from './config.ts';
import { shutdownGraceMs, startServer } from './start.ts';

/**
 * An HTTP worker of the cluster (cluster.ts): serves on the primary's port, on a database the
 * primary has migrated; hands the outbox's kicks and farm controls to the primary.
 */
export async function serveAsWorker(config: ServerConfig): Promise<void> {
  const build = await loadProductionBuild();
  const database = await openDatabase(config.dbConfig);
  const link = workerLink(
    // Nothing to send to once the primary is gone (this worker is stopping: 'disconnect' below).
    (message) => process.connected && process.send?.(message),
    (listener) => process.on('message', listener),
  );
  setEmailOutbox(link.outbox);
  const server = await startServer({
    build,
    database,
    env: config.env,
    publishDesired: ingestEnv(config.parsed) ? link.publishDesired : undefined,
    background: false,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close(shutdownGraceMs);
    await database.close();
    process.exit(0);
  };
  // SIGTERM from the primary; SIGINT when Ctrl-C reaches the terminal's whole group; a primary
  // that is gone (killed) leaves nobody to serve for.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());
  process.on('disconnect', () => void stop());
}
