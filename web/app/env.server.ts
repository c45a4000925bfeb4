import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The public address of the shop: Digital Link URIs on pack labels are built on it. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs session cookies. Required with DATABASE_URL; generated and kept locally otherwise. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Env = z.infer<typeof schema> & { PUBLIC_URL: string; SESSION_SECRET: string };

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses the web app's variables once at start; a bad one stops the server with its name. */
export function parseEnv(source: NodeJS.ProcessEnv): z.infer<typeof schema> {
  const blankToUndefined = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = schema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  }
  return parsed.data;
}

const key = Symbol.for('seedline.env');
type Holder = { [key]?: Env };

export function setEnv(env: Env): void {
  (globalThis as Holder)[key] = env;
}

export function env(): Env {
  const value = (globalThis as Holder)[key];
  if (!value) throw new Error('the environment was not parsed: start the app through web/server');
  return value;
}
