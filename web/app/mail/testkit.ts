// Test support: an email as the outbox stores it (mail/message.ts), read as its recipient would.

export type ReadMail = { head: string; subject: string; text: string };

const decodeWords = (header: string) =>
  header.replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

/** The headers as sent, the subject decoded, and the body decoded from base64. */
export function readMail(raw: string): ReadMail {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const subject = /^Subject: (.*)$/m.exec(head)?.[1] ?? '';
  return {
    head,
    subject: decodeWords(subject),
    text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8'),
  };
}
