import type { Database } from '@seedline/db/setup';

// The server opens the database once (PGlite allows one instance per data folder) and hands it
// to the app here; routes reach it through `db()`.
const key = Symbol.for('seedline.db');
type Holder = { [key]?: Database };

export function setDatabase(database: Database): void {
  (globalThis as Holder)[key] = database;
}

export function database(): Database {
  const value = (globalThis as Holder)[key];
  if (!value) throw new Error('no database: start the app through web/server');
  return value;
}

export const db = () => database().prisma;
