import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { applyMigrations } from './migrate.ts';

/** Any constant: the lock that lets one process at a time apply migrations to a PostgreSQL database. */
const MIGRATION_LOCK = 7_318_033;

/**
 * `applyMigrations` for processes that start together on one PostgreSQL database (web, ingest and
 * worker tasks): each waits for the lock, on a connection of its own held for the whole run, so
 * the first applies what is pending and the others find nothing left to do.
 */
export async function applyMigrationsOnce(
  url: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await withClosedConnections(adapterFactory, (factory) => applyMigrations(factory));
  } finally {
    // Ending the session releases its lock.
    await lock.end().catch(() => undefined);
  }
}

/**
 * Runs `work` with `factory`, then disposes every connection the schema engine opened through it.
 * The engine takes Prisma's own advisory lock on its connection and neither unlocks nor closes
 * it: the lock lasted until the pool dropped the idle connection (10 s), so each process that
 * started after another waited 10 s more (five roles starting together: 40 s).
 */
async function withClosedConnections<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (factory: SqlMigrationAwareDriverAdapterFactory) => Promise<T>,
): Promise<T> {
  const opened: SqlDriverAdapter[] = [];
  const kept = async (connecting: Promise<SqlDriverAdapter>) => {
    const adapter = await connecting;
    opened.push(adapter);
    return adapter;
  };
  try {
    return await work({
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: () => kept(factory.connect()),
      connectToShadowDb: () => kept(factory.connectToShadowDb()),
    });
  } finally {
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => undefined)));
  }
}
