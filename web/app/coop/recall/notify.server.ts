import type { Tx } from '@seedline/db';
import { env } from '../../env.server.ts';
import { allCatalogs } from '../../i18n/all-messages.ts';
import { type Locale, isLocale, translator } from '../../i18n/i18n.ts';
import { mailFrom } from '../../mail/sender.server.ts';
import { plainMessage } from '../../mail/message.ts';
import { enqueueEmails } from '../../orders/email-outbox.server.ts';
import { orderPath } from '../../checkout/stripe.server.ts';

// Each buyer of a recalled lot is told once per lot, in the language they ordered in: the outbox
// row's subject key (`recall LOT LOT…`, not what the buyer reads) records which lots they were told
// of, so a second recall, or one widened to the seed lot, writes only to the untold.

const keyPrefix = 'recall ';

type Buyer = {
  email: string;
  name: string;
  locale: Locale;
  orderId: string;
  /** Each order's private page, by its reference. */
  orders: Map<string, string>;
  lots: Set<string>;
};

export async function tellBuyers(tx: Tx, lotIds: string[], now: Date) {
  const lines = await tx.orderLine.findMany({
    where: { packLotId: { in: lotIds } },
    orderBy: { order: { createdAt: 'asc' } },
    select: {
      packLot: { select: { lotCode: true } },
      order: {
        select: {
          id: true,
          reference: true,
          accessToken: true,
          contactName: true,
          contactEmail: true,
          locale: true,
          user: { select: { email: true } },
        },
      },
    },
  });
  const buyers = new Map<string, Buyer>();
  let noEmail = 0;
  for (const { order, packLot } of lines) {
    const email = (order.contactEmail ?? order.user?.email)?.toLowerCase();
    if (!email) {
      noEmail += 1;
      continue;
    }
    const locale = isLocale(order.locale) ? order.locale : 'vi';
    const buyer = buyers.get(email) ?? {
      email,
      name: order.contactName,
      locale,
      orderId: order.id,
      orders: new Map(),
      lots: new Set(),
    };
    buyer.orders.set(order.reference, new URL(orderPath(order), env().PUBLIC_URL).href);
    buyer.lots.add(packLot.lotCode);
    buyers.set(email, buyer);
  }
  const told = await toldLots(tx, [...buyers.keys()]);
  const messages = [...buyers.values()].flatMap((buyer) => {
    const untold = [...buyer.lots].filter((lot) => !told.get(buyer.email)?.has(lot)).sort();
    return untold.length === 0 ? [] : [message(buyer, untold, now)];
  });
  await enqueueEmails(tx, messages, now);
  return { told: messages.length, noEmail };
}

/** The lots each of these buyers was already told of, from the outbox's recall rows. */
async function toldLots(tx: Tx, emails: string[]) {
  const rows = await tx.outgoingEmail.findMany({
    where: { to: { in: emails }, subject: { startsWith: keyPrefix } },
    select: { to: true, subject: true },
  });
  const told = new Map<string, Set<string>>();
  for (const row of rows) {
    const lots = told.get(row.to) ?? new Set<string>();
    for (const lot of row.subject.slice(keyPrefix.length).split(' ')) lots.add(lot);
    told.set(row.to, lots);
  }
  return told;
}

function message(buyer: Buyer, lots: string[], now: Date) {
  const t = translator(buyer.locale, allCatalogs);
  const subject = t('recall.mail.subject', { lots: lots.join(', ') });
  const raw = plainMessage({
    from: { name: 'Seedline', address: mailFrom() },
    to: { name: buyer.name, address: buyer.email },
    subject,
    lines: [
      t('recall.mail.greeting', { name: buyer.name }),
      '',
      t('recall.mail.body', { lots: lots.join(', '), orders: [...buyer.orders.keys()].join(', ') }),
      '',
      t('recall.mail.whatToDo'),
      '',
      ...buyer.orders.values(),
    ],
    now,
  });
  return { orderId: buyer.orderId, to: buyer.email, subject: keyPrefix + lots.join(' '), raw };
}
