import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Database, applyMigrations, openDatabase } from '@seedline/db/setup';
import { databaseUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { ZONES, thingName } from './payloads.ts';

// A fresh, migrated database per run, so no earlier run's rows make the work lighter (or heavier):
// embedded PGlite in a temporary folder, or a database of its own on the PostgreSQL server,
// dropped at the end. One greenhouse per simulated bridge, four zones each, as a farm sets them up.

export type BenchDatabase = {
  database: Database;
  describe: string;
  /** PostgreSQL only: the database's URL, for another process (bench:live's web server) to open. */
  url?: string;
  drop(): Promise<void>;
};

export async function freshDatabase(kind: 'pglite' | 'postgres', adminUrl: string): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'seedline-bench-pglite-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pglite') });
    return migrated(database, `PGlite in ${dir}`, async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    });
  }
  const name = `seedline_bench_${process.pid}`;
  const drop = () =>
    withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  // A leftover of a killed run with this pid would otherwise hold older rows.
  await drop();
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = databaseUrl(adminUrl, name);
  const database = await openDatabase({ kind: 'postgres', url }).catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  const fresh = await migrated(database, `PostgreSQL ${name} on ${new URL(adminUrl).host}`, async () => {
    await database.close();
    await drop();
  });
  return { ...fresh, url };
}

async function migrated(database: Database, describe: string, drop: () => Promise<void>): Promise<BenchDatabase> {
  try {
    await applyMigrations(database.adapterFactory);
  } catch (error) {
    await drop();
    throw error;
  }
  return { database, describe, drop };
}

const SETTINGS = {
  moistureLow: 30,
  moistureHigh: 38,
  maxRunMinutes: 20,
  minSoakMinutes: 30,
  dailyBudgetLitres: 900,
  windows: [],
};

export async function seedGreenhouses(database: Database, bridges: number): Promise<void> {
  const prisma = database.prisma;
  const farm = await prisma.farm.create({
    data: { code: 'BEN', name: 'Trại đo tải', commune: 'Xuân Hòa', province: 'Thanh Hóa' },
  });
  for (let bridge = 0; bridge < bridges; bridge++) {
    await prisma.greenhouse.create({
      data: {
        farmId: farm.id,
        name: `Nhà ${bridge + 1}`,
        thingName: thingName(bridge),
        areaM2: 1000,
        zones: {
          create: ZONES.map((key) => ({ key, name: key, areaM2: 250, desiredSettings: SETTINGS })),
        },
      },
    });
  }
}

export type StoredCounts = {
  messages: number;
  readings: number;
  hourly: number;
  /** Readings the hourly roll-ups count, and roll-up spans not refreshed yet. */
  hourlySamples: number;
  staleHours: number;
  perThing: Map<string, Span>;
};
type Span = { count: number; minSeq: number; maxSeq: number };

/** What the run left in the database, counted there (not from ingest's own counters). */
export async function storedCounts(database: Database): Promise<StoredCounts> {
  const prisma = database.prisma;
  const [messages, readings, hourly, samples, staleHours, groups] = await Promise.all([
    prisma.ingestedMessage.count(),
    prisma.telemetryReading.count(),
    prisma.zoneHourly.count(),
    prisma.zoneHourly.aggregate({ _sum: { samples: true } }),
    prisma.zoneHourlyStale.count(),
    prisma.ingestedMessage.groupBy({
      by: ['thingName'],
      _count: { _all: true },
      _min: { sequence: true },
      _max: { sequence: true },
    }),
  ]);
  const perThing = new Map(
    groups.map((g) => [
      g.thingName,
      { count: g._count._all, minSeq: Number(g._min.sequence), maxSeq: Number(g._max.sequence) },
    ]),
  );
  return { messages, readings, hourly, hourlySamples: samples._sum.samples ?? 0, staleHours, perThing };
}
