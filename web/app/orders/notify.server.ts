import type { Db } from '@seedline/db';
import { orderPath } from '../checkout/stripe.server.ts';
import { env } from '../env.server.ts';
import type { Locale } from '../i18n/i18n.ts';
import { confirmationMessage } from './confirmation.ts';
import { enqueueEmail, kickEmailOutbox } from './email-outbox.server.ts';

/**
 * Queues the order confirmation for a buyer who gave an email in the email outbox, which sends it
 * (SMTP when configured, a local .eml preview otherwise) and retries while the server is down.
 * Called after the order is committed; a failure here is logged and never undoes the order: the
 * buyer has the order page either way.
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
    const id = await enqueueEmail(
      db,
      { orderId, to: order.contactEmail, subject: `order ${order.reference}`, raw: eml },
      now,
    );
    kickEmailOutbox();
    return id;
  } catch (error) {
    console.error(`Order ${orderId}: the confirmation could not be queued`, error);
    return null;
  }
}
