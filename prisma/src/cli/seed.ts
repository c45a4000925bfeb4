// npm run db:seed: loads the demo cooperative into an empty database; a second run changes nothing.
// `-- --demo-logins`: its accounts log in with the published demo password (never on a live shop).
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv } from '../config.ts';
import { openDatabase } from '../open.ts';
import { seedDemo } from '../seed/demo.ts';
import { assertMigrated } from '../status.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const { values } = parseArgs({ options: { 'demo-logins': { type: 'boolean', default: false } } });
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    await assertMigrated(db);
    const result = await seedDemo(db.prisma, new Date(), { demoLogins: values['demo-logins'] });
    console.log(result.summary);
  } finally {
    await db.close();
  }
});
