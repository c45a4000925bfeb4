// Vitest global setup for every project that opens databases (db-pglite, db-postgres, e2e).
// Migrating through Prisma's WebAssembly schema engine takes seconds, so it happens once per run
// here; each test file then gets its own copy through `openTestDatabase()` (@seedline/db/testing).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createMigratedTemplate,
  defaultTestPostgresUrl,
  dropRunDatabases,
  migratedPgliteDump,
  type TestDatabaseContext,
  testDbKind,
} from '@seedline/db/testing';
import type { TestProject } from 'vitest/node';

export type { TestDatabaseContext };

/** Prepares the run's template database and returns what test workers need, and a clean-up. */
export async function prepareTestDatabases(
  env: NodeJS.ProcessEnv,
): Promise<{ context: TestDatabaseContext; teardown: () => Promise<void> }> {
  if (testDbKind(env) === 'pglite') {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seedline-test-'));
    const dumpPath = path.join(dir, 'migrated.tar');
    const dump = await migratedPgliteDump();
    await fs.writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
    return {
      context: { kind: 'pglite', dumpPath },
      teardown: () => fs.rm(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = env.SEEDLINE_TEST_PG_URL?.trim() || defaultTestPostgresUrl;
  const prefix = `seedline_test_${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_tpl`;
  try {
    await createMigratedTemplate(adminUrl, template);
  } catch (error) {
    await dropRunDatabases(adminUrl, prefix).catch(() => undefined);
    throw error;
  }
  return {
    context: { kind: 'postgres', adminUrl, prefix, template },
    teardown: async () => {
      await dropRunDatabases(adminUrl, prefix);
    },
  };
}

type Prepared = { context: TestDatabaseContext; teardown: () => Promise<void> };
/**
 * Projects run their global setups one after another in this one process, each with its own copy
 * of this module: projects on the same kind of database share one template, kept on `globalThis`
 * and removed when the last of them is torn down.
 */
const sharedKey = Symbol.for('seedline.testDatabases');
type Shared = Map<string, { prepared: Promise<Prepared>; users: number }>;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The project's `test.env` reaches its workers, not this process: read it from the config.
  const env = { ...process.env, ...project.config.env };
  const key = `${testDbKind(env)} ${env.SEEDLINE_TEST_PG_URL ?? ''}`;
  const shared: Shared = ((globalThis as { [sharedKey]?: Shared })[sharedKey] ??= new Map());
  let entry = shared.get(key);
  if (!entry) {
    entry = { prepared: prepareTestDatabases(env), users: 0 };
    shared.set(key, entry);
    entry.prepared.catch(() => shared.delete(key));
  }
  entry.users++;
  const { context, teardown } = await entry.prepared;
  project.provide('seedlineTestDb', context);
  const current = entry;
  return async () => {
    if (--current.users > 0) return;
    shared.delete(key);
    await teardown();
  };
}
