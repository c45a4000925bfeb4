// npm run db:seed: loads the demo cooperative into an empty database; a second run changes nothing.
import { databaseConfigFromEnv } from '../config.ts';
import { openDatabase } from '../open.ts';
import { seedDemo } from '../seed/demo.ts';
import { assertMigrated } from '../status.ts';
import { runCli } from './run.ts';

runCli(async () => {
  const db = await openDatabase(databaseConfigFromEnv());
  try {
    await assertMigrated(db);
    const result = await seedDemo(db.prisma);
    console.log(result.summary);
  } finally {
    await db.close();
  }
});
