import type { Prisma, PrismaClient } from '../generated/client.ts';

export type Tx = Prisma.TransactionClient;
/** A client, or a transaction already open: domain functions compose inside a caller's transaction. */
export type Db = PrismaClient | Tx;

/**
 * Runs `work` in a transaction: a new one on a client, the same one inside a transaction.
 * (PGlite runs one transaction at a time, so work inside must use only `tx`.)
 */
export function inTransaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  /** For a new transaction: how long to wait for a connection and to run (Prisma's defaults: 2 s, 5 s). */
  options?: { maxWait?: number; timeout?: number },
): Promise<T> {
  // A transaction client is the root client without `$connect` (and Prisma's nested transactions
  // need savepoints, which the PGlite adapter lacks): reuse an open transaction as it is.
  return '$connect' in db ? (db as PrismaClient).$transaction(work, options) : work(db);
}
