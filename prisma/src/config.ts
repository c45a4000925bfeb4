import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository's root folder: the default home of the embedded database. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v), {
      message: 'must be a postgresql:// URL (leave it unset to use the embedded database)',
    }),
  SEEDLINE_DATA_DIR: z.string().trim().min(1).optional(),
});

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads which database to use from the environment; a bad value names its variable. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const parsed = databaseEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`${issue.path.join('.')} ${issue.message}`);
  }
  const { DATABASE_URL, SEEDLINE_DATA_DIR } = parsed.data;
  if (DATABASE_URL) return { kind: 'postgres', url: DATABASE_URL };
  const dataDir = SEEDLINE_DATA_DIR ?? path.join(repoRoot, '.data');
  return { kind: 'pglite', dataDir: path.resolve(dataDir, 'pglite') };
}

/** A URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
