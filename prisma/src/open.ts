import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/client.ts';
import { type DatabaseConfig, redactUrl } from './config.ts';
import { acquireDataDirLock } from './lock.ts';

export type Database = {
  kind: DatabaseConfig['kind'];
  /** Where the data lives, without secrets, for messages. */
  location: string;
  prisma: PrismaClient;
  /** The same connection, for Prisma's schema engine (migrations). */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
};

export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPgliteDir(config.dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  // Check the server with a plain connection first: its errors say what is wrong in one line.
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await probe.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
    throw new DatabaseUnreachableError(`DATABASE_URL (${redactUrl(url)}) could not be reached: ${reason}`);
  } finally {
    await probe.end().catch(() => undefined);
  }
  const adapterFactory = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'postgres',
    location: redactUrl(url),
    prisma,
    adapterFactory: wholeScripts(adapterFactory),
    close: () => prisma.$disconnect(),
  };
}

/**
 * adapter-pg runs a migration script by splitting it on every `;`, which cuts a PL/pgSQL function
 * body apart. Sent whole (no parameters: PostgreSQL's simple protocol), the server parses the
 * script itself and runs it as one implicit transaction: a migration applies entirely or not at all.
 */
function wholeScripts(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    adapter.executeScript = async (script) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

async function openPgliteDir(dataDir: string): Promise<Database> {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = acquireDataDirLock(dataDir);
  try {
    return await openPglite({ dataDir }, dataDir, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** Opens PGlite with the given options (a data folder, `memory://`, or a data dump to load). */
export async function openPglite(
  options: PGliteOptions,
  location = options.dataDir ?? 'memory://',
  onClose: () => void = () => undefined,
): Promise<Database> {
  const pglite = new PGlite(options);
  await pglite.waitReady;
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'pglite',
    location,
    prisma,
    adapterFactory,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      onClose();
    },
  };
}
