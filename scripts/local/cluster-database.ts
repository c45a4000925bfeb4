// The PostgreSQL database of `npm run start:cluster`: created on the server when it is missing,
// migrated, and given the demo cooperative (its accounts on the published demo password) when it
// is empty, before any role starts: the roles then find it ready (each still applies what is
// pending, once, as a deployment's first task would).
import { applyMigrations, openDatabase, seedDemo } from '@seedline/db/setup';
// The same small helpers the tests create their databases with: an admin connection and quoting.
import { databaseUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';

/** Creates, migrates and seeds the database `url` names as needed; returns what it did, one line each. */
export async function readyDatabase(url: string): Promise<string[]> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) throw new Error(`DATABASE_URL names no database: ${url}`);
  const said: string[] = [];
  await withAdminClient(databaseUrl(url, 'postgres'), async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
    said.push(`Created the database ${name}`);
  });
  const database = await openDatabase({ kind: 'postgres', url });
  try {
    const applied = await applyMigrations(database.adapterFactory);
    if (applied.length > 0) said.push(`Applied ${applied.length} migration(s)`);
    const seeded = await seedDemo(database.prisma, new Date(), { demoLogins: true });
    if (seeded.created) said.push(seeded.summary);
  } finally {
    await database.close();
  }
  return said;
}
