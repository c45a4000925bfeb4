import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@seedline/db';
import { orderPath } from '../checkout/stripe.server.ts';
import { mailDir } from '../checkout/settings.server.ts';
import { env } from '../env.server.ts';
import type { Locale } from '../i18n/i18n.ts';
import { confirmationMessage } from './confirmation.ts';

/**
 * Sends the order confirmation to a buyer who gave an email. There is no SMTP client in the app
 * yet: the message is written as an .eml file to the mail folder and its path logged, so it can be
 * read (or handed to a relay) as it is. Sent after the order is committed; a failure to send is
 * logged and never undoes the order: the buyer has the order page either way.
 */
export async function sendOrderConfirmation(db: Db, orderId: string, locale: Locale, now = new Date()) {
  try {
    const order = await db.order.findUniqueOrThrow({
      where: { id: orderId },
      select: {
        reference: true,
        accessToken: true,
        contactName: true,
        contactEmail: true,
        totalVnd: true,
        paymentMethod: true,
        lines: {
          select: {
            quantity: true,
            packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } },
          },
        },
      },
    });
    if (!order.contactEmail) return null;
    const link = new URL(orderPath(order), env().PUBLIC_URL).href;
    const eml = confirmationMessage(
      {
        ...order,
        contactEmail: order.contactEmail,
        lines: order.lines.map((l) => ({
          quantity: l.quantity,
          lotCode: l.packLot.lotCode,
          name: locale === 'vi' ? l.packLot.product.nameVi : l.packLot.product.nameEn,
        })),
      },
      link,
      locale,
      now,
    );
    const dir = mailDir();
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${now.toISOString().replace(/[:.]/g, '-')}-${order.reference}.eml`);
    await fs.writeFile(file, eml, { mode: 0o600 });
    console.log(`Order ${order.reference}: confirmation for ${order.contactEmail} written to ${file}`);
    return file;
  } catch (error) {
    console.error(`Order ${orderId}: the confirmation could not be written`, error);
    return null;
  }
}
