import { type Tx, effectiveHarvest, runningIntervals } from '@seedline/db';
import { env } from '../env.server.ts';
import { allCatalogs } from '../i18n/all-messages.ts';
import { isLocale, translator } from '../i18n/i18n.ts';
import { mailFrom } from '../mail/sender.server.ts';
import { plainMessage } from '../mail/message.ts';
import { enqueueEmail } from '../orders/email-outbox.server.ts';

// A correction may lengthen an input's interval (another product, a later day) after produce of
// the planting was harvested and put on sale. Such a lot is no longer safe to sell: its listing is
// unpublished in the correction's transaction, and the co-op's staff are told through the email
// outbox (queued in the same transaction: told exactly when it happened).

/** Unpublishes the listings of the planting's lots now inside an interval; returns their lot codes. */
export async function withdrawListingsInsideInterval(tx: Tx, plantingId: string, now = new Date()) {
  const listings = await tx.listing.findMany({
    where: { published: true, packLot: { harvest: { plantingId } } },
    select: {
      id: true,
      packLot: {
        select: {
          lotCode: true,
          harvest: {
            select: {
              harvestedAt: true,
              weightGrams: true,
              corrections: { select: { version: true, harvestedAt: true, weightGrams: true } },
            },
          },
        },
      },
    },
  });
  const withdrawn: { lotCode: string; product: string; firstDay: string }[] = [];
  for (const listing of listings) {
    // A corrected harvest counts at its corrected time.
    const { harvest } = listing.packLot;
    const blocks = await runningIntervals(tx, plantingId, effectiveHarvest(harvest, harvest.corrections).harvestedAt);
    const last = blocks[0];
    if (!last) continue;
    await tx.listing.update({ where: { id: listing.id }, data: { published: false, publishedAt: null } });
    const product = last.activeIngredient ? `${last.inputProduct} (${last.activeIngredient})` : last.inputProduct;
    withdrawn.push({ lotCode: listing.packLot.lotCode, product, firstDay: last.clearsOn });
  }
  if (withdrawn.length > 0) await tellCoop(tx, withdrawn, now);
  return withdrawn.map((w) => w.lotCode);
}

async function tellCoop(tx: Tx, lots: { lotCode: string; product: string; firstDay: string }[], now: Date) {
  // Those who can act on it: the co-op's staff, else its admins; never a deactivated account.
  const of = (role: 'STAFF' | 'ADMIN') =>
    tx.user.findMany({ where: { role, deactivatedAt: null }, select: { email: true, name: true, locale: true } });
  const staff = await of('STAFF');
  const to = staff.length > 0 ? staff : await of('ADMIN');
  for (const user of to) {
    const t = translator(isLocale(user.locale) ? user.locale : 'vi', allCatalogs);
    const subject = t('records.mail.subject', { lots: lots.map((l) => l.lotCode).join(', ') });
    const lines = [
      t('records.mail.intro'),
      '',
      ...lots.map((l) =>
        t('records.mail.lot', { lotCode: l.lotCode, product: l.product, firstDay: { day: l.firstDay } }),
      ),
      '',
      new URL('/coop', env().PUBLIC_URL).href,
    ];
    const raw = plainMessage({
      from: { name: 'Seedline', address: mailFrom() },
      to: { name: user.name, address: user.email },
      subject,
      lines,
      now,
    });
    await enqueueEmail(tx, { to: user.email, subject, raw }, now);
  }
}
