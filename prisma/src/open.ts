import fs from 'node:fs';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
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
  /**
   * Hears `NOTIFY channel` (sent by any process on the same database) until the returned stop is
   * called. On PostgreSQL a lost connection is opened again; `onResume` says notices may have been
   * missed meanwhile.
   */
  listen(channel: string, onNotify: (payload: string) => void, onResume?: () => void): Promise<() => Promise<void>>;
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
  // The server answered the probe: from here a wait for a connection means the pool is busy (a
  // burst of checkouts queueing on a listing's lock), and those requests should wait, not fail.
  const adapterFactory = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 30_000 });
  const prisma = new PrismaClient({ adapter: adapterFactory });
  const listeners = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    location: redactUrl(url),
    prisma,
    adapterFactory: wholeScripts(adapterFactory),
    listen: async (channel, onNotify, onResume) => {
      const stop = await listenPostgres(url, channel, onNotify, onResume);
      listeners.add(stop);
      return () => {
        listeners.delete(stop);
        return stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      await prisma.$disconnect();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). A lost
 * connection is opened again after a pause that grows to 30 s; `onResume` follows each return.
 */
async function listenPostgres(
  url: string,
  channel: string,
  onNotify: (payload: string) => void,
  onResume: () => void = () => undefined,
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | undefined;
  const open = async () => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    await next.connect();
    await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
    client = next;
  };
  const lost = (which: pg.Client) => {
    if (stopped || which !== client) return;
    client = undefined;
    which.end().catch(() => undefined);
    timer = setTimeout(() => void reopen(), retryMs);
  };
  const reopen = async () => {
    try {
      await open();
      retryMs = 500;
      onResume();
    } catch {
      retryMs = Math.min(retryMs * 2, 30_000);
      if (!stopped) timer = setTimeout(() => void reopen(), retryMs);
    }
  };
  await open();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => undefined);
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

/**
 * pglite-prisma-adapter starts a migration script without awaiting it: a failing script becomes
 * an unhandled rejection while the engine records the migration as applied. Run it awaited,
 * through PGlite's multi-statement `exec`, which also makes the script one transaction.
 */
export function pgliteMigrationAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(pglite);
  const patch = (adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter => {
    adapter.executeScript = async (script) => {
      try {
        await db.exec(script);
      } catch (error) {
        // In the shape the schema engine reports, so the failure names the SQL problem.
        const e = error as { code?: string; severity?: string; message?: string; detail?: string; hint?: string };
        throw new DriverAdapterError({
          kind: 'postgres',
          code: e.code ?? 'XX000',
          severity: e.severity ?? 'ERROR',
          message: e.message ?? String(error),
          detail: e.detail,
          column: undefined,
          hint: e.hint,
        });
      }
    };
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patch(await base.connect(), pglite),
    connectToShadowDb: async () => {
      const shadow = new PGlite('memory://');
      return patch(await new PrismaPGlite(shadow).connect(), shadow);
    },
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
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    location,
    prisma,
    adapterFactory: pgliteMigrationAdapter(pglite),
    // One process holds the embedded database, so every NOTIFY is heard in this one.
    listen: (channel, onNotify) => pglite.listen(channel, onNotify),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      onClose();
    },
  };
}
