import { Prisma } from '@seedline/db';

/**
 * SQL for a column of epoch milliseconds (float8, whole numbers) as a `timestamp` (UTC, as Prisma
 * stores DateTime): arithmetic, independent of the session's time zone, and cheaper for the server
 * than parsing ISO text. `column` is an identifier written in our code, never input.
 */
export function epochSql(column: string): Prisma.Sql {
  if (!/^[a-z_]+\.[a-z_]+$/.test(column)) throw new Error(`epochSql: not a column reference: ${column}`);
  return Prisma.raw(`('epoch'::timestamp + ${column} * interval '1 millisecond')`);
}
