import { calendarDay, packDigitalLinkUri } from '@seedline/db';
import { applyMigrations, openDatabase, seedDemo } from '@seedline/db/setup';
import { databaseUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { batchesOnSale } from '../../app/shop/on-sale.server.ts';

// A database of its own on the PostgreSQL server, migrated and loaded with the demo cooperative,
// as a deployment would be: no earlier run's carts make the work lighter or heavier. The server
// under test opens it itself (another process); this process only prepares it and drops it.

export type ShopTargets = {
  /** A published batch with units for sale: its page is the batch-page target. */
  lotCode: string;
  /** Published listings with units for sale, the batch above first: what the shoppers add. */
  listingIds: string[];
  /** Every batch on sale: the rush's batch pages go through them all. */
  lotCodes: string[];
  /** What the QR code on a pack of `lotCode` holds, as a path and query on the shop. */
  digitalLink: string;
};

export type BenchDatabase = {
  name: string;
  url: string;
  targets: ShopTargets;
  summary: string;
  drop(): Promise<unknown>;
};

export async function demoDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `seedline_benchweb_${process.pid}`;
  const drop = () =>
    withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  // A leftover of a killed run with this pid would otherwise hold its carts.
  await drop();
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = databaseUrl(adminUrl, name);
  try {
    const database = await openDatabase({ kind: 'postgres', url });
    try {
      await applyMigrations(database.adapterFactory);
      const { summary } = await seedDemo(database.prisma);
      // "On sale" as the shop itself decides it (published, units left after reservations).
      const onSale = (await batchesOnSale(database.prisma)).items.sort((a, b) => a.lotCode.localeCompare(b.lotCode));
      const first = onSale[0];
      if (!first) throw new Error('the demo data has no batch on sale');
      const lot = await database.prisma.packLot.findUniqueOrThrow({
        where: { lotCode: first.lotCode },
        select: { packedOn: true, product: { select: { gtin: true } } },
      });
      // The shop's address is the bench server's, known later: keep the path and query only.
      const link = new URL(
        packDigitalLinkUri('http://shop.invalid', lot.product.gtin, first.lotCode, calendarDay(lot.packedOn)),
      );
      const targets = {
        lotCode: first.lotCode,
        listingIds: onSale.slice(0, 3).map((b) => b.listingId),
        lotCodes: onSale.map((b) => b.lotCode),
        digitalLink: link.pathname + link.search,
      };
      return { name, url, targets, summary, drop };
    } finally {
      await database.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
}
