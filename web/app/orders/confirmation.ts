import { type Locale, formats, translator } from '../i18n/i18n.ts';
import { allCatalogs } from '../i18n/all-messages.ts';
import { plainMessage } from '../mail/message.ts';

export type ConfirmedOrder = {
  reference: string;
  contactName: string;
  contactEmail: string;
  totalVnd: number;
  paymentMethod: 'CARD' | 'CASH_ON_DELIVERY' | 'BANK_TRANSFER';
  lines: { name: string; lotCode: string; quantity: number }[];
};

/** The order confirmation as an RFC 5322 message (plain text, UTF-8): what SMTP would send. */
export function confirmationMessage(
  order: ConfirmedOrder,
  { link, locale, from, now }: { link: string; locale: Locale; from: string; now: Date },
): string {
  const t = translator(locale, allCatalogs);
  const f = formats(locale);
  const subject = `${t('site.name')} — ${t('orders.title', { reference: order.reference })}`;
  return plainMessage({
    from: { name: t('site.name'), address: from },
    to: { name: order.contactName, address: order.contactEmail },
    subject,
    lines: [
      order.contactName,
      '',
      ...order.lines.map((l) => `${l.quantity} × ${l.name} (${t('account.lot', { lotCode: l.lotCode })})`),
      `${t('orders.total')}: ${f.vnd(order.totalVnd)}`,
      t('orders.paymentMethod', { method: t(`checkout.pay.${order.paymentMethod}`) }),
      '',
      t('orders.privateLink'),
      link,
    ],
    now,
  });
}
