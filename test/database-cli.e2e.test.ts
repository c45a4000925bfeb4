import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyPassword } from '@seedline/db';
import { demoPassword, openDatabase } from '@seedline/db/setup';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const migrationCount = fs
  .readdirSync(path.join(root, 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory()).length;

type Run = { code: number; stdout: string; stderr: string };

/** Runs an npm script of the root package as a user would, with extra environment. */
function npmRun(script: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script],
      { cwd: root, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const dropAfter: string[] = [];
afterAll(async () => {
  for (const name of dropAfter) {
    await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  }
});

describe('database commands on PostgreSQL', () => {
  it('migrate and seed an empty database; run again, they change nothing and say so', async () => {
    const name = `seedline_cli_${process.pid}_${Date.now()}`;
    dropAfter.push(name);
    await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
    const env = { DATABASE_URL: databaseUrl(adminUrl, name) };

    const migrate = await npmRun('db:migrate', env);
    expect(migrate.stdout).toMatch(new RegExp(`Applied ${migrationCount} migration\\(s\\) to .*: \\d+_init`));
    expect(migrate.code).toBe(0);
    const seed = await npmRun('db:seed', env);
    expect(seed.stdout).toContain('Loaded demo data: 3 farms');
    expect(seed.code).toBe(0);

    const db = await openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
    const counts = async () => ({
      farms: await db.prisma.farm.count(),
      logs: await db.prisma.farmLog.count(),
      packLots: await db.prisma.packLot.count(),
      users: await db.prisma.user.count(),
    });
    const before = await counts();
    // Loaded without --demo-logins: the published demo password opens no account.
    expect(seed.stdout).toContain('(they cannot log in)');
    const buyer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'khachhang@example.vn' } });
    expect(await verifyPassword(demoPassword, buyer.passwordHash)).toBe(false);

    const migrateAgain = await npmRun('db:migrate', env);
    expect(migrateAgain.stdout).toContain('is up to date: no migration applied.');
    const seedAgain = await npmRun('db:seed', env);
    expect(seedAgain.stdout).toContain('nothing changed');
    expect(seedAgain.code).toBe(0);
    expect(await counts()).toEqual(before);
    await db.close();
  });

  it.each([
    ['mysql://root@127.0.0.1/seedline', 'DATABASE_URL must be a postgresql:// URL'],
    ['postgresql://postgres@127.0.0.1:1/seedline', 'could not be reached: connect ECONNREFUSED 127.0.0.1:1'],
    ['postgresql://postgres@127.0.0.1:5432/seedline_absent_db', 'database "seedline_absent_db" does not exist'],
  ])('stops on DATABASE_URL=%s with one line naming it, no stack trace', async (url, message) => {
    const run = await npmRun('db:migrate', { DATABASE_URL: url });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('DATABASE_URL');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('the embedded database', () => {
  it('refuses a second process while one holds the data folder, and stays intact', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-lock-'));
    const owner = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    await owner.prisma.$executeRawUnsafe('CREATE TABLE kept (v int)');
    await owner.prisma.$executeRawUnsafe('INSERT INTO kept VALUES (42)');

    const second = await npmRun('db:migrate', { SEEDLINE_DATA_DIR: dataDir });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`is in use by process ${process.pid}`);
    expect(second.stderr).not.toMatch(/^\s+at /m);

    await owner.close();
    const again = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    expect(await again.prisma.$queryRawUnsafe('SELECT v FROM kept')).toEqual([{ v: 42 }]);
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-lock-'));
    // Pids are at most 2^22 on Linux: this one cannot be running.
    fs.writeFileSync(path.join(dataDir, 'pglite.lock'), '4194305');
    const run = await npmRun('db:migrate', { SEEDLINE_DATA_DIR: dataDir });
    expect(run.stdout).toContain(`Applied ${migrationCount} migration(s)`);
    expect(run.code).toBe(0);
  });
});
