import type { PrismaClient } from '@seedline/db';
import { readMail } from '../../web/app/mail/testkit.ts';

// The emails the shop queued, read as their recipient would: for the tests of what they say and
// of the links they carry.

export type Mail = { subject: string; text: string };

/** Every email queued to `to`, oldest first, with its subject and body decoded. */
export async function mailsTo(db: PrismaClient, to: string): Promise<Mail[]> {
  const rows = await db.outgoingEmail.findMany({ where: { to }, orderBy: { createdAt: 'asc' } });
  return rows.map(({ raw }) => {
    const { subject, text } = readMail(raw);
    return { subject, text };
  });
}

/** The path (and query) of the link in `mail` whose path starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text
    .split(/\s+/)
    .find((word) => /^https?:\/\//.test(word) && new URL(word).pathname.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix} link in "${mail.subject}":\n${mail.text}`);
  const url = new URL(link);
  return url.pathname + url.search;
}
