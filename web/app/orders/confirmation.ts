import { type Locale, formats, translator } from '../i18n/i18n.ts';
import { allCatalogs } from '../i18n/all-messages.ts';

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
  const body = [
    order.contactName,
    '',
    ...order.lines.map((l) => `${l.quantity} × ${l.name} (${t('account.lot', { lotCode: l.lotCode })})`),
    `${t('orders.total')}: ${f.vnd(order.totalVnd)}`,
    t('orders.paymentMethod', { method: t(`checkout.pay.${order.paymentMethod}`) }),
    '',
    t('orders.privateLink'),
    link,
  ].join('\r\n');
  // Header values outside ASCII go as RFC 2047 encoded words.
  const encoded = (value: string) => `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
  return [
    `From: ${t('site.name')} <${from}>`,
    `To: ${encoded(order.contactName)} <${order.contactEmail}>`,
    `Subject: ${encoded(subject)}`,
    `Date: ${now.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    (
      Buffer.from(body, 'utf8')
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\r\n'),
    '',
  ].join('\r\n');
}
