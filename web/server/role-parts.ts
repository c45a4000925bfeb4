import type { ServerBuild } from '@remix-run/node';
import type { Database } from '@seedline/db/setup';
import { type Env, EnvError, type IngestEnv, ingestEnv } from '../app/env.server.ts';
import { refreshStaleHourly } from '../app/ingest/hourly.server.ts';
import { startRetention } from '../app/ingest/retention.server.ts';
import { startLagMetric } from '../app/ingest/lag-metric.server.ts';
import { startIngest } from '../app/ingest/subscriber.server.ts';
import { startDesiredLink } from '../app/irrigation/desired-link.server.ts';
import type { DesiredPublisher } from '../app/irrigation/shadow-link.server.ts';
import {
  EMAIL_KICK_CHANNEL,
  type EmailOutbox,
  notifyingOutbox,
  setEmailOutbox,
} from '../app/orders/email-outbox.server.ts';
import { repeatInBackground } from '../app/repeat.server.ts';
import { startBackground } from './background.ts';
import { webConcurrency } from './cluster.ts';
import type { ServerConfig } from './config.ts';
import { serveHere, serveInWorkers } from './serve.ts';
import { shutdownGraceMs } from './start.ts';

// The three parts a process may run (roles.ts): each starts on an open, migrated database and
// returns how to stop it cleanly.

export type Part = { name: string; stop(): Promise<void> };

/** The broker settings ingest needs, or the refusal naming them. */
export function requireIngest(config: ServerConfig, role: string): IngestEnv {
  const settings = ingestEnv(config.parsed);
  if (settings) return settings;
  throw new EnvError(
    `SEEDLINE_ROLES=${role} needs the broker: set INGEST_MQTT_ENDPOINT, INGEST_CERT, INGEST_KEY and INGEST_CA`,
  );
}

/** MQTT into the database; its link also publishes the farmer's controls when web runs here too. */
export function startIngestPart(config: ServerConfig, database: Database): Part & { publishDesired: DesiredPublisher } {
  const settings = requireIngest(config, 'ingest');
  const ingest = startIngest({ db: database.prisma, ...settings });
  const where = `mqtts://${settings.endpoint}:${settings.port}`;
  // No /health without web: the log says when it is ready (its own JSON lines say more).
  void ingest.ready().then(() => console.log(`Ingest ready: subscribed at ${where} (process ${process.pid})`));
  // How far behind it is, each minute, for the deployment's lag alarm (decision 032).
  const stopLagMetric = startLagMetric(() => ingest.oldestWaiting());
  return {
    name: 'ingest',
    publishDesired: ingest.publishDesired,
    // Stores what it has buffered before the database goes.
    stop: () => {
      stopLagMetric();
      return ingest.close();
    },
  };
}

/**
 * The background work: the timers of background.ts, raw-reading retention, and the hourly
 * roll-ups of any span an ingest process marked stale but did not refresh (one that stopped
 * between the two). Any number of worker processes may run it (decision 033).
 */
export async function startWorkerPart(
  config: ServerConfig,
  database: Database,
  env: Env,
): Promise<Part & { outbox: EmailOutbox }> {
  const db = database.prisma;
  const background = startBackground(db, env, { now: true });
  // What a request or a notice in this process queues is sent now (notify's email channel kicks it).
  setEmailOutbox(background.outbox);
  const retention = startRetention({ db, keepDays: config.parsed.INGEST_RAW_RETENTION_DAYS ?? 90 });
  const stopRollups = repeatInBackground('The roll-up refresh', 60_000, () => refreshStaleHourly(db));
  // A web process elsewhere queues an email and NOTIFYs: sent now, not at the next round.
  const stopListening = await database.listen(EMAIL_KICK_CHANNEL, () => background.outbox.kick());
  console.log(`Worker ready: outboxes, sweeps, retention and roll-ups (process ${process.pid})`);
  return {
    name: 'worker',
    outbox: background.outbox,
    async stop() {
      await stopListening();
      stopRollups();
      retention.stop();
      await background.stop();
    },
  };
}

/**
 * HTTP only: the timers run in a worker (this process's, whose outbox `outbox` is, or another's,
 * woken by NOTIFY). The farmer's controls go out through ingest's link when ingest runs here, else
 * through a publishing link of this process's own.
 */
export async function startWebPart(
  config: ServerConfig,
  database: Database,
  build: ServerBuild,
  here: { publishDesired?: DesiredPublisher; outbox?: EmailOutbox },
): Promise<Part & { url: string }> {
  const settings = ingestEnv(config.parsed);
  const link = here.publishDesired || !settings ? undefined : startDesiredLink(settings);
  const { count, note } = webConcurrency({
    asked: config.parsed.WEB_CONCURRENCY,
    production: config.parsed.NODE_ENV === 'production',
    database: database.kind,
  });
  if (note) console.log(note);
  const singles = {
    build,
    database,
    env: config.env,
    publishDesired: here.publishDesired ?? link?.publishDesired,
    background: false,
    outbox: here.outbox ?? notifyingOutbox(database.prisma),
  };
  const server = count === 1 ? await serveHere(singles) : await serveInWorkers(singles, count);
  console.log(`Web ready on ${server.url} (process ${process.pid})`);
  return {
    name: 'web',
    url: server.url,
    async stop() {
      await server.close(shutdownGraceMs);
      await link?.close();
    },
  };
}
