import type { PrismaClient } from '@seedline/db';

// The emails the shop queued, read as their recipient would: for the tests of what they say and
// of the links they carry.

export type Mail = { subject: string; text: string };

const decodeWord = (header: string) =>
  header.replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

/** Every email queued to `to`, oldest first, with its subject and body decoded. */
export async function mailsTo(db: PrismaClient, to: string): Promise<Mail[]> {
  const rows = await db.outgoingEmail.findMany({ where: { to }, orderBy: { createdAt: 'asc' } });
  return rows.map(({ raw }) => {
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const subject = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
    return { subject: decodeWord(subject), text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8') };
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
