import type { AddressInfo } from 'node:net';
import type { ServerBuild } from '@remix-run/node';
import type { Database } from '@seedline/db/setup';
import { setDatabase } from '../app/db.server.ts';
import { type Env, env, setEnv } from '../app/env.server.ts';
import { setEmailOutbox } from '../app/orders/email-outbox.server.ts';
import { setLiveFeed, startLiveFeed } from '../app/irrigation/live-feed.server.ts';
import { type DesiredPublisher, setDesiredPublisher } from '../app/irrigation/shadow-link.server.ts';
import { createApp } from './app.ts';
import { startBackground } from './background.ts';

export type RunningServer = {
  url: string;
  /**
   * Stops taking connections and closes the idle ones; requests under way get `graceMs` to
   * finish (a live page's event stream never does: it is cut then, and its page reconnects).
   */
  close(graceMs?: number): Promise<void>;
};

/** What a stopping server gives the requests under way (scripts/start.ts waits 15 s for web). */
export const shutdownGraceMs = 5_000;

/** Serves a production build on an open database. Port 0 picks a free port (tests). */
export async function startServer(options: {
  build: ServerBuild;
  database: Database;
  env: Omit<Env, 'PUBLIC_URL'> & { PUBLIC_URL?: string | undefined };
  /** The link to the greenhouses' shadows (ingest's); without it every farm control is refused. */
  publishDesired?: DesiredPublisher;
  /**
   * False in a cluster's HTTP workers (the primary runs the timers, background.ts) and in a web
   * process without the worker role (roles.ts). True otherwise: the only process runs them.
   */
  background?: boolean;
}): Promise<RunningServer> {
  setDatabase(options.database);
  setDesiredPublisher(options.publishDesired);
  // Open farm pages hear of new reports through the database (LISTEN/NOTIFY), not by reloading.
  const feed = await startLiveFeed(options.database);
  setLiveFeed(feed);
  const app = createApp({ build: options.build }, { trustProxy: options.env.TRUST_PROXY ?? 0 });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    // This machine only, unless HOST says otherwise (a container listens on 0.0.0.0).
    const s = app.listen(options.env.PORT, options.env.HOST ?? '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  setEnv({ ...options.env, PORT: port, PUBLIC_URL: options.env.PUBLIC_URL ?? url });
  const background = options.background === false ? undefined : startBackground(options.database.prisma, env());
  if (background) setEmailOutbox(background.outbox);
  return {
    url,
    async close(graceMs = 0) {
      // The email in hand is finished while the requests under way finish theirs.
      const backgroundStopped = background?.stop();
      if (background) setEmailOutbox(undefined);
      setLiveFeed(undefined);
      try {
        await new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          server.closeIdleConnections();
          if (graceMs === 0) server.closeAllConnections();
          else setTimeout(() => server.closeAllConnections(), graceMs).unref();
        });
        await backgroundStopped;
      } finally {
        // Before the database closes: the feed's LISTEN is a connection of its own.
        await feed.close().catch(() => undefined);
      }
    },
  };
}
