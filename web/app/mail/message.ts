// An email as the outbox stores it and SMTP sends it: RFC 5322 text, plain, UTF-8.

export type Mailbox = { name?: string; address: string };

export type PlainMessage = { from: Mailbox; to: Mailbox; subject: string; lines: string[]; now: Date };

// Header values outside ASCII go as RFC 2047 encoded words; a name of plain words goes as it is.
const encoded = (value: string) => `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
const plainWords = /^[A-Za-z0-9 !#$%&'*+/=?^_`{|}~-]+$/;
const mailbox = ({ name, address }: Mailbox) =>
  name ? `${plainWords.test(name) ? name : encoded(name)} <${address}>` : address;

export function plainMessage({ from, to, subject, lines, now }: PlainMessage): string {
  const body = Buffer.from(lines.join('\r\n'), 'utf8').toString('base64');
  return [
    `From: ${mailbox(from)}`,
    `To: ${mailbox(to)}`,
    `Subject: ${encoded(subject)}`,
    `Date: ${now.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    (body.match(/.{1,76}/g) ?? []).join('\r\n'),
    '',
  ].join('\r\n');
}
