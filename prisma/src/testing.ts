import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { applyMigrations } from './migrate.ts';
import { type Database, openDatabase, openPglite, pgliteMigrationAdapter } from './open.ts';

/**
 * Test databases: every test file gets a fresh, fully migrated, empty database of the kind
 * `SEEDLINE_TEST_DB` names (`pglite`, the default, or `postgres`).
 *
 * Migrating through Prisma's WebAssembly schema engine takes seconds, so the vitest global setup
 * (test/support/global-setup.ts) does it once per run and hands over a template: for PGlite a
 * dump of a migrated data folder, for PostgreSQL a migrated template database.
 */
export type TestDbKind = 'pglite' | 'postgres';

export type TestDatabaseContext =
  | { kind: 'pglite'; /** A `dumpDataDir('none')` tarball of a migrated, empty database. */ dumpPath: string }
  | {
      kind: 'postgres';
      /** The server's maintenance database, where databases are created and dropped. */
      adminUrl: string;
      /** Every database of this run is named `${prefix}_...`; the template is `${prefix}_tpl`. */
      prefix: string;
      template: string;
    };

declare module 'vitest' {
  export interface ProvidedContext {
    seedlineTestDb: TestDatabaseContext | undefined;
  }
}

export const defaultTestPostgresUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDbKind(env: NodeJS.ProcessEnv = process.env): TestDbKind {
  const value = (env.SEEDLINE_TEST_DB ?? '').trim() || 'pglite';
  if (value !== 'pglite' && value !== 'postgres') {
    throw new Error(`SEEDLINE_TEST_DB must be "pglite" or "postgres", not "${value}"`);
  }
  return value;
}

/** The URL of database `name` on the server of `baseUrl`. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Double-quotes a PostgreSQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated, empty PGlite database, dumped so that it can be loaded again in a moment. */
export async function migratedPgliteDump(): Promise<Blob> {
  const pglite = new PGlite('memory://');
  try {
    await applyMigrations(pgliteMigrationAdapter(pglite));
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

/** Creates database `template` on the server and applies every migration to it. */
export async function createMigratedTemplate(adminUrl: string, template: string): Promise<void> {
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
  const db = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, template) });
  try {
    await applyMigrations(db.adapterFactory);
  } finally {
    await db.close();
  }
  // The schema engine may keep its own connection open; a template must have none.
  await withAdminClient(adminUrl, (client) =>
    client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [template],
    ),
  );
}

/** Drops every database whose name starts with `${prefix}_` (the run's template and leftovers). */
export async function dropRunDatabases(adminUrl: string, prefix: string): Promise<string[]> {
  return withAdminClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [`${prefix}_`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    }
    return rows.map((r) => r.datname);
  });
}

let pgliteDump: Promise<Blob> | undefined;

function pgliteTemplate(context: TestDatabaseContext | undefined): Promise<Blob> {
  pgliteDump ??=
    context?.kind === 'pglite'
      ? fs.readFile(context.dumpPath).then((bytes) => new Blob([bytes]))
      : // Run without the global setup (e.g. another vitest config): migrate once in this worker.
        migratedPgliteDump();
  return pgliteDump;
}

/**
 * A fresh, fully migrated, empty database for one test file (or one test). Close it when done:
 * for PostgreSQL, `close()` also drops the database.
 */
export async function openTestDatabase(): Promise<Database> {
  const kind = testDbKind();
  // Imported here, not at the top: the global setup uses this module's helpers outside a worker.
  const { inject } = await import('vitest');
  const context = inject('seedlineTestDb');
  if (kind === 'pglite') {
    const loadDataDir = await pgliteTemplate(context);
    return openPglite({ loadDataDir }, 'memory:// (test database)');
  }
  if (context?.kind !== 'postgres') {
    throw new Error(
      'SEEDLINE_TEST_DB=postgres needs the global setup test/support/global-setup.ts with SEEDLINE_TEST_DB=postgres in the project env',
    );
  }
  const name = `${context.prefix}_${randomBytes(5).toString('hex')}`;
  await withAdminClient(context.adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(context.template)}`),
  );
  let db: Database;
  try {
    db = await openDatabase({ kind: 'postgres', url: databaseUrl(context.adminUrl, name) });
  } catch (error) {
    await dropDatabase(context.adminUrl, name);
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    ...db,
    close: () =>
      (closed ??= (async () => {
        try {
          await db.close();
        } finally {
          await dropDatabase(context.adminUrl, name);
        }
      })()),
  };
}

function dropDatabase(adminUrl: string, name: string): Promise<unknown> {
  return withAdminClient(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}
