import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '@seedline/db';
import nodemailer from 'nodemailer';

// The email outbox: messages are rows first (OutgoingEmail), then a worker hands them to a
// transport — SMTP when SMTP_URL is set, otherwise a local preview (.eml files in the mail folder).
// A failed send is tried again later with a growing wait; after MAX_ATTEMPTS it is marked FAILED
// and logged (no back-office page lists those yet). Nothing is lost while the mail server is down.

export type MailTransport = {
  /** Shown in logs: "smtp://host" (never the credentials) or "preview /path". */
  name: string;
  send(message: { to: string; subject: string; raw: string }): Promise<void>;
};

export const MAX_ATTEMPTS = 8;
/** Wait before attempt n + 1 (after n failures): 1 min, 2, 4 … capped at 2 h. */
export function retryDelayMs(failures: number): number {
  return Math.min(2 * 3_600_000, 60_000 * 2 ** Math.max(0, failures - 1));
}

/** SMTP through nodemailer; the raw message goes as it is (it carries its own headers). */
export function smtpTransport(url: string, from = 'no-reply@seedline.local'): MailTransport {
  const transporter = nodemailer.createTransport(url);
  const where = new URL(url);
  return {
    name: `${where.protocol}//${where.host}`,
    async send({ to, raw }) {
      await transporter.sendMail({ envelope: { from, to: [to] }, raw });
    },
  };
}

/** Writes each message as an .eml file: what SMTP would send, to read locally. */
export function previewTransport(dir: string): MailTransport {
  return {
    name: `preview ${dir}`,
    async send({ subject, raw }) {
      await fs.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString()}-${subject}`.replace(/[^\w.@-]+/g, '-');
      const file = path.join(dir, `${name}.eml`);
      await fs.writeFile(file, raw, { mode: 0o600 });
    },
  };
}

export async function enqueueEmail(
  db: Db,
  message: { orderId?: string; to: string; subject: string; raw: string },
  now = new Date(),
): Promise<string> {
  const row = await db.outgoingEmail.create({ data: { ...message, nextAttemptAt: now }, select: { id: true } });
  return row.id;
}

/** Many messages in one statement (a recall tells hundreds of buyers in its transaction). */
export async function enqueueEmails(
  db: Db,
  messages: readonly { orderId?: string; to: string; subject: string; raw: string }[],
  now = new Date(),
): Promise<number> {
  const { count } = await db.outgoingEmail.createMany({ data: messages.map((m) => ({ ...m, nextAttemptAt: now })) });
  return count;
}

export type DeliveryResult = { sent: number; retrying: number; failed: number };

/** Sends what is due, oldest first, one at a time (a mail server is no place for a burst). */
export async function deliverDueEmails(
  db: Db,
  transport: MailTransport,
  now = new Date(),
  limit = 20,
): Promise<DeliveryResult> {
  const due = await db.outgoingEmail.findMany({
    where: { status: 'PENDING', nextAttemptAt: { lte: now } },
    orderBy: { createdAt: 'asc' },
    take: limit,
    select: { id: true, to: true, subject: true, raw: true, attempts: true },
  });
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (const email of due) {
    try {
      await transport.send(email);
      await db.outgoingEmail.update({
        where: { id: email.id },
        data: { status: 'SENT', sentAt: new Date(), attempts: email.attempts + 1, lastError: null },
      });
      result.sent += 1;
    } catch (error) {
      const attempts = email.attempts + 1;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await db.outgoingEmail.update({
        where: { id: email.id },
        data: {
          attempts,
          lastError: (error as Error).message.slice(0, 500),
          ...(gaveUp ? { status: 'FAILED' } : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
        },
      });
      if (gaveUp) result.failed += 1;
      else result.retrying += 1;
    }
  }
  return result;
}

export type EmailOutbox = { kick(): void; stop(): void };

const batchSize = 20;

/** Delivers on a timer and when kicked (right after a message is queued). */
export function startEmailOutbox(options: {
  db: Db;
  transport: MailTransport;
  everyMs?: number;
  log?: (line: string) => void;
}): EmailOutbox {
  const log = options.log ?? ((line: string) => console.log(line));
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = deliverDueEmails(options.db, options.transport, new Date(), batchSize)
      .then((r) => {
        if (r.sent || r.retrying || r.failed)
          log(`Email outbox (${options.transport.name}): ${r.sent} sent, ${r.retrying} to retry, ${r.failed} given up`);
        // A full batch may have more behind it (a recall tells hundreds of buyers): go on now.
        if (r.sent + r.retrying + r.failed >= batchSize) again = true;
      })
      .catch((error: unknown) => console.error('The email outbox failed', error))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.everyMs ?? 30_000);
  timer.unref();
  run();
  return { kick: run, stop: () => clearInterval(timer) };
}

// The running outbox of this server, so a request that queues a message can have it sent now.
const key = Symbol.for('seedline.emailOutbox');
type Holder = { [key]?: EmailOutbox };

export function setEmailOutbox(outbox: EmailOutbox | undefined): void {
  (globalThis as Holder)[key] = outbox;
}

export function kickEmailOutbox(): void {
  (globalThis as Holder)[key]?.kick();
}
