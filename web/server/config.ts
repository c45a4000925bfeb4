import path from 'node:path';
import { databaseConfigFromEnv, repoRoot } from '@seedline/db/setup';
import { EnvError, assertSafeForProduction, parseEnv } from '../app/env.server.ts';
import { localSessionSecret } from './secret.ts';

/** The database to open and the web app's environment, from the process's variables. */
export function serverConfig() {
  const dbConfig = databaseConfigFromEnv();
  const parsed = parseEnv(process.env);
  // An ingest process alone serves no page, signs no cookie and writes no link.
  const roles = parsed.SEEDLINE_ROLES;
  const ingestAlone = roles !== undefined && roles.every((role) => role === 'ingest');
  if (!ingestAlone) assertSafeForProduction(parsed, dbConfig.kind);
  if (!parsed.SESSION_SECRET && dbConfig.kind === 'postgres' && !ingestAlone) {
    throw new EnvError('SESSION_SECRET must be set (at least 32 characters) when DATABASE_URL is set');
  }
  const SESSION_SECRET =
    parsed.SESSION_SECRET ?? (dbConfig.kind === 'pglite' ? localSessionSecret(dbConfig.dataDir) : '');
  // Photos live beside the embedded database (same default folder as the database and `npm start`).
  const SEEDLINE_DATA_DIR = parsed.SEEDLINE_DATA_DIR ?? path.join(repoRoot, '.data');
  return { dbConfig, parsed, env: { ...parsed, SESSION_SECRET, SEEDLINE_DATA_DIR } };
}

export type ServerConfig = ReturnType<typeof serverConfig>;
