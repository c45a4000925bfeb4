import type { Tx } from '@seedline/db';
import { fromStoredVnd } from '../checkout/amounts.ts';
import { orderPath } from '../checkout/stripe.server.ts';
import { env } from '../env.server.ts';
import { isLocale } from '../i18n/i18n.ts';
import { mailFrom } from '../mail/sender.server.ts';
import { confirmationMessage } from './confirmation.ts';
import { enqueueEmail } from './email-outbox.server.ts';

/**
 * Queues the order's confirmation for a buyer who gave an email, in the language they ordered in,
 * inside the caller's transaction: the order (placed, or paid) and its email commit together, and
 * the email outbox sends it (retrying while the mail server is down). Returns the email's id.
 */
export async function queueOrderConfirmation(tx: Tx, orderId: string, now: Date): Promise<string | null> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      reference: true,
      accessToken: true,
      contactName: true,
      contactEmail: true,
      totalVnd: true,
      paymentMethod: true,
      locale: true,
      lines: {
        select: {
          quantity: true,
          packLot: { select: { lotCode: true, product: { select: { nameVi: true, nameEn: true } } } },
        },
      },
    },
  });
  if (!order.contactEmail) return null;
  const locale = isLocale(order.locale) ? order.locale : 'vi';
  const link = new URL(orderPath(order), env().PUBLIC_URL).href;
  const eml = confirmationMessage(
    {
      ...order,
      totalVnd: fromStoredVnd(order.totalVnd),
      contactEmail: order.contactEmail,
      lines: order.lines.map((l) => ({
        quantity: l.quantity,
        lotCode: l.packLot.lotCode,
        name: locale === 'vi' ? l.packLot.product.nameVi : l.packLot.product.nameEn,
      })),
    },
    { link, locale, from: mailFrom(), now },
  );
  return enqueueEmail(tx, { orderId, to: order.contactEmail, subject: `order ${order.reference}`, raw: eml }, now);
}
