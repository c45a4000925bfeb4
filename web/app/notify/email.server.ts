import { env } from '../env.server.ts';
import { mailFrom } from '../mail/sender.server.ts';
import { plainMessage } from '../mail/message.ts';
import { enqueueEmail, kickEmailOutbox } from '../orders/email-outbox.server.ts';
import { type ChannelSender, NoticeRefused } from './outbox.server.ts';

// Email: the notice goes into the email outbox (which sends it, retrying while the mail server is
// down) in the transaction that marks the notice sent, so it is queued exactly once.

export function emailSender(): ChannelSender {
  return async (notice, db) => {
    const user = await db.user.findUnique({ where: { id: notice.userId }, select: { email: true, name: true } });
    if (!user) throw new NoticeRefused('the user is gone');
    const { title, body, path } = notice.payload;
    const link = new URL(path, env().PUBLIC_URL).href;
    const now = new Date();
    const raw = plainMessage({
      from: { name: 'Seedline', address: mailFrom() },
      to: { name: user.name, address: user.email },
      subject: title,
      lines: [body, '', link],
      now,
    });
    return {
      onSent: async (tx) => {
        await enqueueEmail(tx, { to: user.email, subject: title, raw }, now);
        // The email outbox sends it at its next turn; nudged, it goes now (after this commit).
        setImmediate(kickEmailOutbox);
      },
    };
  };
}
