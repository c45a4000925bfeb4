import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSmtp, startFakeSmtp } from '../../../test/support/fake-smtp.ts';
import { MAX_ATTEMPTS, deliverDueEmails, enqueueEmail, retryDelayMs, smtpTransport } from './email-outbox.server.ts';

let database: Database;
let smtp: FakeSmtp;
const prisma = () => database.prisma;

beforeAll(async () => {
  [database, smtp] = await Promise.all([openTestDatabase(), startFakeSmtp()]);
});
afterAll(async () => {
  await smtp?.close();
  await database?.close();
});

const raw = (to: string) =>
  ['From: Seedline <no-reply@seedline.local>', `To: <${to}>`, 'Subject: order SL-1', '', 'Cảm ơn bạn!', ''].join(
    '\r\n',
  );

describe('the email outbox', () => {
  it('sends queued messages through SMTP, as they were written, and marks them sent', async () => {
    const transport = smtpTransport(smtp.url, 'shop@seedline.vn');
    const now = new Date();
    const id = await enqueueEmail(
      prisma(),
      { to: 'hoa@example.vn', subject: 'order SL-1', raw: raw('hoa@example.vn') },
      now,
    );
    expect(await deliverDueEmails(prisma(), transport, now)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'shop@seedline.vn', to: ['hoa@example.vn'] });
    expect(smtp.received[0]!.data).toContain('Subject: order SL-1');
    expect(smtp.received[0]!.data).toContain('Cảm ơn bạn!');
    expect(await prisma().outgoingEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'SENT',
      attempts: 1,
    });
    // Sent once: nothing is due any more.
    expect(await deliverDueEmails(prisma(), transport, now)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('keeps a message while the server refuses it, retries later, and sends it once the server is back', async () => {
    const transport = smtpTransport(smtp.url);
    const t0 = new Date('2026-11-29T03:00:00Z');
    const id = await enqueueEmail(
      prisma(),
      { to: 'an@example.vn', subject: 'order SL-2', raw: raw('an@example.vn') },
      t0,
    );
    smtp.refuse = true;
    expect(await deliverDueEmails(prisma(), transport, t0)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const waiting = await prisma().outgoingEmail.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(waiting.lastError).toMatch(/451/);
    expect(waiting.nextAttemptAt.getTime()).toBe(t0.getTime() + retryDelayMs(1));
    // Not due yet: nothing is tried.
    expect(await deliverDueEmails(prisma(), transport, new Date(t0.getTime() + 1_000))).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });

    smtp.refuse = false;
    const before = smtp.received.length;
    expect(await deliverDueEmails(prisma(), transport, waiting.nextAttemptAt)).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([['an@example.vn']]);
  });

  it('gives up after the last attempt and says so', async () => {
    const failing = { name: 'down', send: () => Promise.reject(new Error('connection refused')) };
    let now = new Date('2026-11-29T04:00:00Z');
    const id = await enqueueEmail(
      prisma(),
      { to: 'binh@example.vn', subject: 'order SL-3', raw: raw('binh@example.vn') },
      now,
    );
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect((await deliverDueEmails(prisma(), failing, now)).retrying).toBe(1);
      now = (await prisma().outgoingEmail.findUniqueOrThrow({ where: { id } })).nextAttemptAt;
    }
    expect((await deliverDueEmails(prisma(), failing, now)).failed).toBe(1);
    expect(await prisma().outgoingEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'FAILED',
      attempts: MAX_ATTEMPTS,
      lastError: 'connection refused',
    });
  });
});
