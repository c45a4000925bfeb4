import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import { pgliteMigrationAdapter } from './open.ts';

// Prisma's CLI downloads a native schema engine for every migrate command, which these machines
// cannot reach; its WebAssembly build does the same work through a driver adapter
// (docs/decisions/001-database-and-migrations.md).

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = path.join(packageDir, 'schema.prisma');
export const migrationsDir = path.join(packageDir, 'migrations');
const lockfileName = 'migration_lock.toml';
const noFilter = { externalTables: [], externalEnums: [] };

/**
 * The engine's JavaScript glue is one module per process, but this file may be evaluated more than
 * once (vitest projects and Vite's SSR loader each run their own copy): instantiating the WebAssembly
 * a second time breaks the first one's engines (a panic that kills the process), so the instance
 * is kept on `globalThis`, not in this module.
 */
const engineKey = Symbol.for('seedline.schemaEngineWasm');
type EngineGlobal = typeof globalThis & {
  [engineKey]?: Promise<void>;
  PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void };
};

/** Node 20 cannot `import` a .wasm file: instantiate it from its bytes, once per process. */
function loadEngine(): Promise<void> {
  const global = globalThis as EngineGlobal;
  // A panic in the engine reports its message here before it throws; without it, the engine's glue
  // fails on the missing registry and the process dies with an unrelated TypeError.
  global.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message) => console.error(`Prisma schema engine panicked: ${message}`),
  };
  global[engineKey] ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await fs.readFile(wasmPath), {
      './schema_engine_bg.js': engineBindings as unknown as WebAssembly.ModuleImports,
    });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return global[engineKey];
}

async function withEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadEngine();
  const schema = await fs.readFile(schemaPath, 'utf8');
  const engine: SchemaEngine = await engineBindings.SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    () => undefined,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}

async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const migrationsDir = dir;
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: lockfileName,
      content: await fs.readFile(path.join(migrationsDir, lockfileName), 'utf8').catch(() => null),
    },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: await fs
            .readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8')
            .then((value) => ({ tag: 'ok' as const, value }))
            .catch((error: Error) => ({ tag: 'error' as const, value: error.message })),
        },
      })),
    ),
  };
}

/** `migrate deploy`: applies every migration the database has not had yet; returns their names. */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  dir = migrationsDir,
): Promise<string[]> {
  const migrationsList = await readMigrations(dir);
  const { appliedMigrationNames } = await withEngine(adapterFactory, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilter }),
  );
  return appliedMigrationNames;
}

/**
 * `migrate dev --create-only`: writes a new migration for the schema's changes since the last
 * one. It works on throw-away in-memory databases, so a developer's data is never touched.
 * Returns the new folder's name, or null when the schema has not changed.
 */
export async function createMigration(name: string): Promise<string | null> {
  const scratch = new PGlite('memory://');
  try {
    const adapterFactory = pgliteMigrationAdapter(scratch);
    await applyMigrations(adapterFactory);
    const migrationsList = await readMigrations();
    const schema = await fs.readFile(schemaPath, 'utf8');
    const result = await withEngine(adapterFactory, async (engine) => {
      // devDiagnostic checks the history on a shadow database; createMigration needs it first.
      const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilter });
      if (action.tag === 'reset') throw new Error(`The migration history needs a reset: ${action.reason}`);
      return engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema: { files: [{ path: 'schema.prisma', content: schema }] },
        filters: noFilter,
      });
    });
    if (result.migrationScript === null) return null;
    const dir = path.join(migrationsDir, result.generatedMigrationName);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `migration.${result.extension}`), result.migrationScript);
    await fs.writeFile(
      path.join(migrationsDir, lockfileName),
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
    return result.generatedMigrationName;
  } finally {
    await scratch.close();
  }
}
