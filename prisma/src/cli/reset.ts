// npm run db:reset: development only. Empties the database, applies every migration, loads the demo
// (`-- --demo-logins`: with the published demo password, as db:seed).
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv } from '../config.ts';
import { applyMigrations } from '../migrate.ts';
import { openDatabase } from '../open.ts';
import { seedDemo } from '../seed/demo.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const { values } = parseArgs({ options: { 'demo-logins': { type: 'boolean', default: false } } });
  if (process.env.NODE_ENV === 'production') throw new Error('db:reset refuses to run with NODE_ENV=production');
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    await db.prisma.$executeRawUnsafe('DROP SCHEMA IF EXISTS public CASCADE');
    await db.prisma.$executeRawUnsafe('CREATE SCHEMA public');
    const applied = await applyMigrations(db.adapterFactory);
    console.log(`Emptied ${db.location} and applied ${applied.length} migration(s).`);
    console.log((await seedDemo(db.prisma, new Date(), { demoLogins: values['demo-logins'] })).summary);
  } finally {
    await db.close();
  }
});
