// `npm start`: opens the database (embedded PGlite unless DATABASE_URL is set), applies pending
// migrations, loads the demo cooperative into an empty embedded database, and serves the web app:
// in this process, or in one HTTP worker per core (cluster.ts) while this process keeps ingest,
// the outbox and the other timers. With SEEDLINE_ROLES naming only some of web, ingest and worker
// (`npm run ingest`, `npm run worker`), this process runs those parts only (roles.ts).
import cluster from 'node:cluster';
import {
  ConfigError,
  type Database,
  DatabaseInUseError,
  DatabaseUnreachableError,
  applyMigrations,
  demoPassword,
  demoUsers,
  openDatabase,
  seedDemo,
} from '@seedline/db/setup';
import { verifyPassword } from '@seedline/db';
import { EnvError, ingestEnv } from '../app/env.server.ts';
import { type Retention, startRetention } from '../app/ingest/retention.server.ts';
import { type RunningIngest, startIngest } from '../app/ingest/subscriber.server.ts';
import { loadProductionBuild } from './app.ts';
import { webConcurrency } from './cluster.ts';
import { type ServerConfig, serverConfig } from './config.ts';
import { serveHere, serveInWorkers } from './serve.ts';
import { shutdownGraceMs } from './start.ts';
import { runRoles, runsEverything } from './roles.ts';
import { serveAsWorker } from './worker.ts';

/** Live ingest from the broker, once the database is ready (migrated and seeded); none when not configured. */
async function startIngestIfConfigured(config: ServerConfig, database: Database) {
  const ingestConfig = ingestEnv(config.parsed);
  if (!ingestConfig) return undefined;
  const ingest: RunningIngest = startIngest({ db: database.prisma, ...ingestConfig });
  const retention: Retention = startRetention({
    db: database.prisma,
    keepDays: config.parsed.INGEST_RAW_RETENTION_DAYS ?? 90,
  });
  // Subscribed before the server answers /health (npm start starts the bridge on that); a broker
  // that is down does not hold the web app up for long: ingest keeps connecting meanwhile.
  const subscribed = await Promise.race([
    ingest.ready().then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
  ]);
  const where = `mqtts://${ingestConfig.endpoint}:${ingestConfig.port}`;
  console.log(subscribed ? `Ingesting telemetry from ${where}` : `Ingest not connected to ${where} yet: retrying`);
  return { ingest, retention };
}

/** Said only when it is true: the demo accounts of this database open with the published password. */
async function tellDemoAccounts(database: Database) {
  const demoUser = await database.prisma.user.findUnique({
    where: { email: demoUsers[0]!.email },
    select: { passwordHash: true },
  });
  if (demoUser && (await verifyPassword(demoPassword, demoUser.passwordHash))) {
    console.log(`\nDemo accounts (password "${demoPassword}"):`);
    for (const u of demoUsers) console.log(`  ${u.role.padEnd(6)} ${u.email}`);
  }
}

async function main() {
  const config = serverConfig();
  if (cluster.isWorker) return serveAsWorker(config);
  // Part of the system here, the rest in other processes on the same PostgreSQL (roles.ts).
  const roles = config.parsed.SEEDLINE_ROLES;
  if (roles && !runsEverything(roles)) return runRoles(config, roles);
  const { count, note } = webConcurrency({
    asked: config.parsed.WEB_CONCURRENCY,
    production: config.parsed.NODE_ENV === 'production',
    database: config.dbConfig.kind,
  });
  if (note) console.log(note);
  const build = await loadProductionBuild();

  const database = await openDatabase(config.dbConfig);
  const applied = await applyMigrations(database.adapterFactory);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const demoLogins = config.parsed.SEEDLINE_DEMO_LOGINS === '1';
  if (database.kind === 'pglite') console.log((await seedDemo(database.prisma, new Date(), { demoLogins })).summary);
  const live = await startIngestIfConfigured(config, database);

  const singles = { build, database, env: config.env, publishDesired: live?.ingest.publishDesired };
  const server = count === 1 ? await serveHere(singles) : await serveInWorkers(singles, count);
  console.log(`\nSeedline is running on ${server.url} (database: ${database.location})`);
  await tellDemoAccounts(database);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    await server.close(shutdownGraceMs);
    live?.retention.stop();
    // Ingest stores what it has buffered before the database goes.
    await live?.ingest.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const known = [ConfigError, DatabaseInUseError, DatabaseUnreachableError, EnvError].some((k) => error instanceof k);
  console.error(known ? `✖ ${(error as Error).message}` : error);
  process.exit(1);
});
