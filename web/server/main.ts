// `npm start`: opens the database (embedded PGlite unless DATABASE_URL is set), applies pending
// migrations, loads the demo cooperative into an empty embedded database, and serves the web app.
import path from 'node:path';
import {
  ConfigError,
  DatabaseInUseError,
  DatabaseUnreachableError,
  applyMigrations,
  databaseConfigFromEnv,
  demoPassword,
  demoUsers,
  openDatabase,
  repoRoot,
  seedDemo,
} from '@seedline/db/setup';
import { verifyPassword } from '@seedline/db';
import { EnvError, assertSafeForProduction, ingestEnv, parseEnv } from '../app/env.server.ts';
import { type Retention, startRetention } from '../app/ingest/retention.server.ts';
import { type RunningIngest, startIngest } from '../app/ingest/subscriber.server.ts';
import { loadProductionBuild } from './app.ts';
import { localSessionSecret } from './secret.ts';
import { startServer } from './start.ts';

async function main() {
  const dbConfig = databaseConfigFromEnv();
  const parsed = parseEnv(process.env);
  assertSafeForProduction(parsed, dbConfig.kind);
  if (!parsed.SESSION_SECRET && dbConfig.kind === 'postgres') {
    throw new EnvError('SESSION_SECRET must be set (at least 32 characters) when DATABASE_URL is set');
  }
  const SESSION_SECRET =
    parsed.SESSION_SECRET ?? (dbConfig.kind === 'pglite' ? localSessionSecret(dbConfig.dataDir) : '');
  // Photos live beside the embedded database (same default folder as the database and `npm start`).
  const SEEDLINE_DATA_DIR = parsed.SEEDLINE_DATA_DIR ?? path.join(repoRoot, '.data');
  const build = await loadProductionBuild();

  const database = await openDatabase(dbConfig);
  const applied = await applyMigrations(database.adapterFactory);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  const demoLogins = parsed.SEEDLINE_DEMO_LOGINS === '1';
  if (database.kind === 'pglite') console.log((await seedDemo(database.prisma, new Date(), { demoLogins })).summary);

  // Live ingest from the broker, once the database is ready (migrated and seeded).
  const ingestConfig = ingestEnv(parsed);
  let ingest: RunningIngest | undefined;
  let retention: Retention | undefined;
  if (ingestConfig) {
    ingest = startIngest({ db: database.prisma, ...ingestConfig });
    retention = startRetention({ db: database.prisma, keepDays: parsed.INGEST_RAW_RETENTION_DAYS ?? 90 });
    // Subscribed before the server answers /health (npm start starts the bridge on that); a broker
    // that is down does not hold the web app up for long: ingest keeps connecting meanwhile.
    const subscribed = await Promise.race([
      ingest.ready().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 10_000).unref()),
    ]);
    const where = `mqtts://${ingestConfig.endpoint}:${ingestConfig.port}`;
    console.log(subscribed ? `Ingesting telemetry from ${where}` : `Ingest not connected to ${where} yet: retrying`);
  }

  const server = await startServer({
    build,
    database,
    env: { ...parsed, SESSION_SECRET, SEEDLINE_DATA_DIR },
    publishDesired: ingest?.publishDesired,
  });
  console.log(`\nSeedline is running on ${server.url} (database: ${database.location})`);
  // Said only when it is true: the demo accounts of this database open with the published password.
  const demoUser = await database.prisma.user.findUnique({
    where: { email: demoUsers[0]!.email },
    select: { passwordHash: true },
  });
  if (demoUser && (await verifyPassword(demoPassword, demoUser.passwordHash))) {
    console.log(`\nDemo accounts (password "${demoPassword}"):`);
    for (const u of demoUsers) console.log(`  ${u.role.padEnd(6)} ${u.email}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    await server.close();
    retention?.stop();
    // Ingest stores what it has buffered before the database goes.
    await ingest?.close();
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
