// npm run db:migrate                    apply pending migrations (migrate deploy)
// npm run db:migrate -- --create NAME   write a migration for schema changes (migrate dev --create-only)
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv } from '../config.ts';
import { applyMigrations, createMigration } from '../migrate.ts';
import { openDatabase } from '../open.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const { values } = parseArgs({ options: { create: { type: 'string' } } });
  if (values.create !== undefined) {
    if (!/^[a-z0-9_]+$/.test(values.create))
      throw new Error('--create takes a name of lower-case letters, digits and _');
    const created = await createMigration(values.create);
    console.log(created ? `Created prisma/migrations/${created}` : 'The schema has no changes: no migration created.');
    return;
  }
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    const applied = await applyMigrations(db.adapterFactory);
    console.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to ${db.location}: ${applied.join(', ')}`
        : `${db.location} is up to date: no migration applied.`,
    );
  } finally {
    await db.close();
  }
});
