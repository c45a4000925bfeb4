import type { ServerBuild } from '@remix-run/node';
import type { Database } from '@seedline/db/setup';
import { type Env, setEnv } from '../app/env.server.ts';
import type { DesiredPublisher } from '../app/irrigation/shadow-link.server.ts';
import { setDatabase } from '../app/db.server.ts';
import { type EmailOutbox, setEmailOutbox } from '../app/orders/email-outbox.server.ts';
import { startBackground } from './background.ts';
import { answerWorker } from './cluster-link.ts';
import { forkWorkers } from './cluster.ts';
import { type RunningServer, shutdownGraceMs, startServer } from './start.ts';

// The two ways main.ts serves: all in this process, or HTTP in workers with the timers here.

type Singles = {
  build: ServerBuild;
  database: Database;
  env: Omit<Env, 'PUBLIC_URL'> & { PUBLIC_URL?: string | undefined };
  publishDesired?: DesiredPublisher;
  /**
   * False: the timers run in another process (SEEDLINE_ROLES without worker, roles.ts), and the
   * workers' kicks go to `outbox`, which wakes that process's.
   */
  background?: boolean;
  outbox?: EmailOutbox;
};

/** HTTP and the timers (unless `background` is false) in this process (one core, or the embedded database). */
export function serveHere(singles: Singles): Promise<RunningServer> {
  if (singles.outbox) setEmailOutbox(singles.outbox);
  return startServer(singles);
}

/** HTTP in `count` workers; the timers (outbox, sweeps, alarm notices) once, here. */
export async function serveInWorkers(singles: Singles, count: number): Promise<RunningServer> {
  // The outbox starts once the port is known (its mails link to the shop): a kick before is not
  // needed, as the outbox's first round sends what is queued.
  const here: { outbox?: EmailOutbox; publishDesired?: DesiredPublisher } = { publishDesired: singles.publishDesired };
  const workers = forkWorkers(count, (worker, message) => answerWorker(worker, message, here));
  const port = await workers.listening;
  const url = `http://localhost:${port}`;
  const env: Env = { ...singles.env, PORT: port, PUBLIC_URL: singles.env.PUBLIC_URL ?? url };
  // The timers' domain functions read the database and settings as a server's would.
  setEnv(env);
  setDatabase(singles.database);
  const background = singles.background === false ? undefined : startBackground(singles.database.prisma, env);
  here.outbox = background?.outbox ?? singles.outbox;
  setEmailOutbox(here.outbox);
  console.log(
    background
      ? `${count} web workers serving; ingest, the outbox and the timers in process ${process.pid}`
      : `${count} web workers serving`,
  );
  return {
    url,
    async close() {
      // Workers finish their requests (shutdownGraceMs) and close their database pools first.
      await workers.stop(shutdownGraceMs + 5_000);
      await background?.stop();
      setEmailOutbox(undefined);
    },
  };
}
