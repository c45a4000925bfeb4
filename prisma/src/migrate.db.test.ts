import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrate.ts';
import { applyMigrationsOnce } from './migrate-once.ts';
import { type Database, openDatabase, openPglite } from './open.ts';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, testDbKind, withAdminClient } from './testing.ts';

const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const created: string[] = [];

/** An empty database (no schema at all) of the kind this project runs on. */
async function emptyDatabase(): Promise<Database> {
  if (testDbKind() === 'pglite') return openPglite({});
  const name = `seedline_migrate_${process.pid}_${created.length}`;
  created.push(name);
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl, name) });
}

afterAll(async () => {
  for (const name of created) {
    await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  }
});

function migrationsFolder(migrations: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-migrations-'));
  fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

describe('applying migrations', () => {
  it('applies a PL/pgSQL function body whole, semicolons and all', async () => {
    const db = await emptyDatabase();
    const dir = migrationsFolder({
      '20260101000000_fn': `CREATE FUNCTION twice(x int) RETURNS int AS $$
BEGIN
  x := x * 2;
  RETURN x;
END;
$$ LANGUAGE plpgsql;`,
    });
    expect(await applyMigrations(db.adapterFactory, dir)).toEqual(['20260101000000_fn']);
    expect(await db.prisma.$queryRawUnsafe('SELECT twice(21) AS v')).toEqual([{ v: 42 }]);
    await db.close();
  });

  it('fails a broken migration as a whole: nothing of it stays and it is not recorded as applied', async () => {
    const db = await emptyDatabase();
    const dir = migrationsFolder({
      '20260101000000_ok': 'CREATE TABLE kept (v int);',
      '20260102000000_broken': 'CREATE TABLE half (v int);\nSELECT no_such_function();',
    });
    await expect(applyMigrations(db.adapterFactory, dir)).rejects.toThrow(/no_such_function/);
    const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('kept', 'half') ORDER BY 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(['kept']);
    const finished = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1',
    );
    expect(finished.map((m) => m.migration_name)).toEqual(['20260101000000_ok']);
    await db.close();
  });

  it.runIf(testDbKind() === 'postgres')(
    'leaves no advisory lock behind once applied, so processes starting together do not wait on one another',
    async () => {
      const db = await emptyDatabase();
      const applied = await applyMigrationsOnce(databaseUrl(adminUrl, created.at(-1)!), db.adapterFactory);
      expect(applied.length).toBeGreaterThan(0);
      // The schema engine's own lock, on a connection it left open, held the next process 10 s.
      const locks = await db.prisma.$queryRawUnsafe<{ held: bigint }[]>(
        `SELECT count(*) AS held FROM pg_locks l JOIN pg_database d ON d.oid = l.database
         WHERE l.locktype = 'advisory' AND d.datname = current_database()`,
      );
      expect(Number(locks[0]!.held)).toBe(0);
      await db.close();
    },
  );
});
