import fs from 'node:fs';
import { testDbKind, openTestDatabase, withAdminClient } from '@seedline/db/testing';
import { inject } from 'vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, migrationsDir } from '@seedline/db/setup';

const opened: Database[] = [];
async function open(): Promise<Database> {
  const db = await openTestDatabase();
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

describe(`openTestDatabase (${testDbKind()})`, () => {
  it('returns a database of the kind SEEDLINE_TEST_DB names', async () => {
    const db = await open();
    expect(db.kind).toBe(testDbKind());
  });

  it('returns a migrated database with every migration recorded and no rows', async () => {
    const db = await open();
    const migrations = await db.prisma.$queryRawUnsafe<{ migration_name: string; finished: boolean }[]>(
      'SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations" ORDER BY migration_name',
    );
    // Every folder of prisma/migrations, each finished: a template left behind by a new migration fails here.
    const folders = fs
      .readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders.length).toBeGreaterThan(10);
    expect(migrations).toEqual(folders.map((migration_name) => ({ migration_name, finished: true })));
    expect(await db.prisma.farm.count()).toBe(0);
    expect(await db.prisma.user.count()).toBe(0);
    expect(await db.prisma.product.count()).toBe(0);
  });

  it('gives each caller its own database: a write to one is not seen by another', async () => {
    const a = await open();
    const b = await open();
    await a.prisma.farm.create({ data: { code: 'AB', name: 'A', commune: 'x', province: 'y' } });
    expect(await a.prisma.farm.count()).toBe(1);
    expect(await b.prisma.farm.count()).toBe(0);
  });

  it.runIf(testDbKind() === 'postgres')('drops its PostgreSQL database on close', async () => {
    const db = await openTestDatabase();
    const [{ name }] = await db.prisma.$queryRawUnsafe<[{ name: string }]>('SELECT current_database() AS name');
    const context = inject('seedlineTestDb');
    if (context?.kind !== 'postgres') throw new Error('expected the postgres test context');
    expect(name.startsWith(`${context.prefix}_`)).toBe(true);
    await db.close();
    const rows = await withAdminClient(context.adminUrl, (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]),
    );
    expect(rows.rowCount).toBe(0);
  });
});
