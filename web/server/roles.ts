import { type Database, applyMigrationsOnce, openDatabase } from '@seedline/db/setup';
import { setDatabase } from '../app/db.server.ts';
import { type Env, EnvError, ROLES, type Role, setEnv } from '../app/env.server.ts';
import { loadProductionBuild } from './app.ts';
import type { ServerConfig } from './config.ts';
import { type Part, requireIngest, startIngestPart, startWebPart, startWorkerPart } from './role-parts.ts';

// SEEDLINE_ROLES: what this process runs, so that web, ingest and worker scale apart (web tasks
// behind the load balancer, ingest tasks on the broker, worker tasks on the timers), all on one
// PostgreSQL database. Unset, or all three: main.ts runs everything as `npm start` always has.

/** True when this process runs every part (main.ts's own path, PGlite included). */
export function runsEverything(roles: readonly Role[] | undefined): boolean {
  return roles === undefined || ROLES.every((role) => roles.includes(role));
}

/** Several processes share the database: the embedded one is opened by one process only. */
export function assertSharedDatabase(config: ServerConfig, roles: readonly Role[]): void {
  if (config.dbConfig.kind === 'postgres') return;
  throw new EnvError(
    `SEEDLINE_ROLES=${roles.join(',')} runs part of Seedline in this process, with the rest in others on one database: ` +
      'set DATABASE_URL to a PostgreSQL server (the embedded database is opened by one process only; unset SEEDLINE_ROLES to run everything here)',
  );
}

/** The environment the domain functions read (links in emails name the shop: PUBLIC_URL). */
function processEnv(config: ServerConfig): Env {
  const port = config.env.PORT;
  return { ...config.env, PUBLIC_URL: config.env.PUBLIC_URL ?? `http://localhost:${port}` };
}

async function startParts(config: ServerConfig, database: Database, roles: readonly Role[]): Promise<Part[]> {
  const parts: Part[] = [];
  const ingest = roles.includes('ingest') ? startIngestPart(config, database) : undefined;
  if (ingest) parts.push(ingest);
  const worker = roles.includes('worker') ? await startWorkerPart(config, database, processEnv(config)) : undefined;
  if (worker) parts.push(worker);
  if (roles.includes('web')) {
    const build = await loadProductionBuild();
    parts.push(
      await startWebPart(config, database, build, { publishDesired: ingest?.publishDesired, outbox: worker?.outbox }),
    );
  }
  return parts;
}

/** Runs the parts `roles` names until SIGTERM or SIGINT, then stops them, web first. */
export async function runRoles(config: ServerConfig, roles: readonly Role[]): Promise<void> {
  assertSharedDatabase(config, roles);
  if (config.dbConfig.kind !== 'postgres') return;
  // Refused before the database is touched (no migrations applied for a process that cannot run).
  if (roles.includes('ingest')) requireIngest(config, 'ingest');
  const database = await openDatabase(config.dbConfig);
  const applied = await applyMigrationsOnce(config.dbConfig.url, database.adapterFactory);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
  setDatabase(database);
  setEnv(processEnv(config));
  const parts = await startParts(config, database, roles);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${roles.join(', ')}`);
    // Web first (no new work comes in), then the worker (the email in hand), then ingest (what it buffered).
    for (const part of [...parts].reverse()) {
      await part.stop().catch((error: unknown) => console.error(`Stopping ${part.name} failed`, error));
    }
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
