import type { Database } from './open.ts';

export class NotMigratedError extends Error {
  override name = 'NotMigratedError';
}

/** Stops early, with the command to run, when the schema has not been applied to the database. */
export async function assertMigrated(db: Database): Promise<void> {
  const rows = await db.prisma.$queryRawUnsafe<{ present: boolean }[]>(
    `SELECT to_regclass('public."_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!rows[0]?.present) {
    throw new NotMigratedError(`${db.location} has no schema yet: run \`npm run db:migrate\` first.`);
  }
}
