// The PostgreSQL database of `npm run start:cluster`: created on the server when it is missing,
// then migrated and given the demo cooperative (its accounts on the published demo password) when
// it is empty. The roles start while it is being filled: each applies pending migrations under
// the same advisory lock (applyMigrationsOnce), so whoever comes first migrates and the others
// find nothing left to do, and the demo's rows come in one transaction.
import { applyMigrationsOnce, openDatabase, seedDemo } from '@seedline/db/setup';
// The same small helpers the tests create their databases with: an admin connection and quoting.
import { databaseUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';

/** Creates the database `url` names unless the server has it; returns what it did, if anything. */
export async function createDatabase(url: string): Promise<string | undefined> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) throw new Error(`DATABASE_URL names no database: ${url}`);
  return withAdminClient(databaseUrl(url, 'postgres'), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return undefined;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    return `Created the database ${name}`;
  });
}

/** Migrates the database and seeds the demo into it when it has no farm; returns what it did, one line each. */
export async function fillDatabase(url: string): Promise<string[]> {
  const said: string[] = [];
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    const applied = await applyMigrationsOnce(url, database.adapterFactory);
    if (applied.length > 0) said.push(`Applied ${applied.length} migration(s)`);
    const seeded = await seedDemo(database.prisma, new Date(), { demoLogins: true });
    if (seeded.created) said.push(seeded.summary);
  } finally {
    await database.close();
  }
  return said;
}
