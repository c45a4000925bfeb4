import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The embedded set-up needs no configuration, so it makes its own session secret once and keeps
 * it beside the embedded database (owner-only). A deployment on PostgreSQL must set SESSION_SECRET.
 */
export function localSessionSecret(dataDir: string): string {
  const file = path.join(path.dirname(dataDir), 'session-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32).toString('base64url');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
