import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
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
    return await applyMigrations(adapterFactory);
  } finally {
    // Ending the session releases its lock.
    await lock.end().catch(() => undefined);
  }
}
