import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inTransaction } from '@seedline/db';
import { type Database, applyMigrations, openDatabase, seedDemo } from '@seedline/db/setup';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCardPayment } from '../web/app/checkout/card-payment.server.ts';
import { placeOrder } from '../web/app/checkout/place-order.server.ts';
import { guest, listingWithStock } from '../web/app/checkout/testkit.ts';
import { parseEnv, setEnv } from '../web/app/env.server.ts';
import { offlineKind } from '../web/app/notify/alarms.server.ts';
import { enqueueEmails, notifyingOutbox } from '../web/app/orders/email-outbox.server.ts';
import { recordRefundOwed } from '../web/app/orders/refunds.server.ts';
import { webRoot } from '../web/server/app.ts';
import { type FakeSmtp, startFakeSmtp } from './support/fake-smtp.ts';
import { type FakeStripe, startFakeStripe } from './support/fake-stripe.ts';

// Three `npm run worker` processes (SEEDLINE_ROLES=worker) start together on one PostgreSQL
// database with work waiting: queued emails, orders whose hold ran out, refunds owed, a bridge gone
// quiet. Each piece of work is done once: no email sent twice, no order cancelled twice, no refund
// asked twice, one offline alarm with one notice per farmer.

const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const name = `seedline_workers_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-workers-'));
const COPIES = 3;
const EMAILS = 30;
const EXPIRED_ORDERS = 8;
const REFUNDS = 5;
let database: Database;
let smtp: FakeSmtp;
let stripe: FakeStripe;
const workers: { process: ChildProcess; output: string[] }[] = [];
const db = () => database.prisma;
const until = (done: () => boolean | Promise<boolean>, timeout: number) =>
  vi.waitUntil(done, { timeout, interval: 200 });

/** Orders placed an hour ago with a 15-minute hold: overdue, for the sweep. */
async function seedExpiredOrders(now: Date) {
  const listing = await listingWithStock(db(), EXPIRED_ORDERS);
  const orders = [];
  for (let i = 0; i < EXPIRED_ORDERS; i++) {
    const form = { ...guest, email: `late-${i}@example.vn`, phone: `09000000${10 + i}` };
    const lines = [{ listingId: listing.id, quantity: 1 }];
    const placedAt = new Date(now.getTime() - 3_600_000);
    orders.push(await placeOrder(db(), { form, lines, userId: null, now: placedAt, holdMinutes: 15 }));
  }
  return { listingId: listing.id, orderIds: orders.map((o) => o.id) };
}

/** Card orders paid at Stripe whose money the shop owes back. */
async function seedRefundsOwed(now: Date) {
  const listing = await listingWithStock(db(), REFUNDS, 1);
  for (let i = 0; i < REFUNDS; i++) {
    const form = { ...guest, email: `refund-${i}@example.vn`, phone: `09100000${10 + i}` };
    const lines = [{ listingId: listing.id, quantity: 1 }];
    const order = await placeOrder(db(), { form, lines, userId: null, now, holdMinutes: 60 });
    // Paid on the fake's page: Stripe knows the payment intent a refund names.
    const session = await startCardPayment(db(), order.id);
    await fetch(`${stripe.url}/pay/${session.id}`, { method: 'POST', redirect: 'manual' });
    const paymentIntentId = stripe.sessions.get(session.id)!.payment_intent!;
    await inTransaction(db(), async (tx) => {
      const payment = await tx.payment.update({
        where: { providerRef: session.id },
        data: { status: 'SUCCEEDED', paidAt: now, paymentIntentId },
      });
      await recordRefundOwed(tx, {
        orderId: order.id,
        paymentId: payment.id,
        amountVnd: order.totalVnd,
        reason: 'test: owed',
        now,
      });
    });
  }
}

/** One greenhouse not heard from for 20 minutes; every other one just heard from. */
async function seedQuietBridge(now: Date) {
  await db().alarm.updateMany({ where: { kind: offlineKind, clearedAt: null }, data: { clearedAt: now } });
  await db().greenhouse.updateMany({ data: { lastSeenAt: now } });
  const quiet = await db().greenhouse.findFirstOrThrow({ orderBy: { id: 'asc' } });
  await db().greenhouse.update({
    where: { id: quiet.id },
    data: { lastSeenAt: new Date(now.getTime() - 20 * 60_000) },
  });
  return quiet.id;
}

function startWorker(DATABASE_URL: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(webRoot, 'server', 'main.ts')], {
    cwd: webRoot,
    env: {
      PATH: process.env.PATH,
      // What `npm run worker` sets.
      SEEDLINE_ROLES: 'worker',
      NODE_ENV: 'production',
      DATABASE_URL,
      PUBLIC_URL: 'https://shop.seedline.invalid',
      SESSION_SECRET: 'workers-test-secret-that-is-at-least-32-characters',
      SEEDLINE_DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      STRIPE_SECRET_KEY: 'sk_test_workers',
      STRIPE_WEBHOOK_SECRET: 'whsec_workers',
      STRIPE_API_BASE: stripe.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  workers.push({ process: child, output });
}

let seeded: { listingId: string; orderIds: string[]; quietGreenhouseId: string };

beforeAll(async () => {
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const DATABASE_URL = databaseUrl(adminUrl, name);
  database = await openDatabase({ kind: 'postgres', url: DATABASE_URL });
  await applyMigrations(database.adapterFactory);
  const now = new Date();
  await seedDemo(database.prisma, now, { demoLogins: false });
  [smtp, stripe] = await Promise.all([startFakeSmtp(), startFakeStripe()]);
  // This process pays at the fake's page as the shop's checkout would (card-payment.server.ts reads these).
  const parsed = parseEnv({
    NODE_ENV: 'test',
    STRIPE_SECRET_KEY: 'sk_test_workers',
    STRIPE_WEBHOOK_SECRET: 'whsec_workers',
    STRIPE_API_BASE: stripe.url,
  });
  setEnv({ ...parsed, PUBLIC_URL: 'http://localhost:3000', SESSION_SECRET: 'x'.repeat(32) });
  const expired = await seedExpiredOrders(now);
  await seedRefundsOwed(now);
  const quietGreenhouseId = await seedQuietBridge(now);
  seeded = { ...expired, quietGreenhouseId };
  for (let i = 0; i < COPIES; i++) startWorker(DATABASE_URL);
}, 90_000);

afterAll(async () => {
  for (const { process: child } of workers) if (child.exitCode === null) child.kill('SIGKILL');
  await database?.close();
  await Promise.all([smtp?.close(), stripe?.close()]);
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
});

/** Everything the workers owe is done: nothing pending anywhere. */
async function allDone(): Promise<boolean> {
  const [emails, orders, refunds, notices, alarms] = await Promise.all([
    db().outgoingEmail.count({ where: { status: 'PENDING' } }),
    db().order.count({ where: { id: { in: seeded.orderIds }, status: 'PLACED' } }),
    db().refund.count({ where: { status: 'PENDING' } }),
    db().notification.count({ where: { status: { in: ['PENDING', 'SENDING'] } } }),
    db().alarm.count({ where: { greenhouseId: seeded.quietGreenhouseId, kind: offlineKind, clearedAt: null } }),
  ]);
  left = { emails, orders, refunds, notices, alarms };
  return emails + orders + refunds + notices === 0 && alarms > 0;
}
let left: Record<string, number> = {};

describe(`${COPIES} worker processes on one database`, () => {
  it('each say they are ready, and together do every piece of work once', async () => {
    await until(() => workers.every((w) => w.output.join('').includes('Worker ready')), 45_000);
    // Queued now and announced as a web process announces a queued email: the three outboxes wake
    // at the same instant and claim from the same rows.
    await enqueueEmails(
      db(),
      Array.from({ length: EMAILS }, (_, i) => ({
        to: `buyer-${i}@example.vn`,
        subject: `roles test ${i}`,
        raw: `Subject: roles test ${i}\r\nTo: buyer-${i}@example.vn\r\n\r\nMessage ${i}\r\n`,
      })),
    );
    notifyingOutbox(db()).kick();
    await until(allDone, 30_000).catch((error: unknown) => {
      const logs = workers.map((w) => w.output.join('').slice(-2_000)).join('\n---\n');
      throw new Error(`work left: ${JSON.stringify(left)}\n${logs}`, { cause: error });
    });
    // Time for a second copy to do again what it should not (they all ran their first rounds by now).
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    // Emails: each row sent is one message at the SMTP server, and no message arrived twice.
    const sent = await db().outgoingEmail.findMany({ where: { status: 'SENT' }, select: { raw: true } });
    expect(sent.length).toBeGreaterThanOrEqual(EMAILS);
    expect(smtp.received).toHaveLength(sent.length);
    expect(new Set(smtp.received.map((m) => m.data)).size).toBe(smtp.received.length);
    for (let i = 0; i < EMAILS; i++) {
      expect(smtp.received.filter((m) => m.to.includes(`buyer-${i}@example.vn`))).toHaveLength(1);
    }

    // Orders whose hold ran out: cancelled once each, their units released once (the stock stays).
    const cancellations = await db().orderEvent.groupBy({
      by: ['orderId'],
      where: { orderId: { in: seeded.orderIds }, status: 'CANCELLED' },
      _count: true,
    });
    expect(cancellations.map((c) => c._count)).toEqual(Array(EXPIRED_ORDERS).fill(1));
    const listing = await db().listing.findUniqueOrThrow({ where: { id: seeded.listingId } });
    expect(listing.stock).toBe(EXPIRED_ORDERS);
    expect(await db().stockReservation.count({ where: { listingId: seeded.listingId, releasedAt: null } })).toBe(0);

    // Refunds: Stripe asked once for each, all refunded.
    const asked = stripe.calls.filter((c) => c.method === 'POST' && c.path === '/v1/refunds');
    expect(asked).toHaveLength(REFUNDS);
    expect(new Set(asked.map((c) => c.idempotencyKey)).size).toBe(REFUNDS);
    expect(await db().refund.count({ where: { status: 'SUCCEEDED', attempts: 1 } })).toBe(REFUNDS);

    // The quiet bridge: one alarm, and each of its notices claimed once and sent.
    const alarms = await db().alarm.findMany({
      where: { greenhouseId: seeded.quietGreenhouseId, kind: offlineKind },
      select: { notifications: { select: { status: true, attempts: true, channel: true } } },
    });
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.notifications.length).toBeGreaterThan(0);
    expect(alarms[0]!.notifications.every((n) => n.status === 'SENT' && n.attempts === 1)).toBe(true);
  });

  it('SIGTERM stops each copy cleanly', async () => {
    const exits = workers.map(
      ({ process: child }) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))),
    );
    for (const { process: child } of workers) child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual(Array(COPIES).fill(0));
    for (const { output } of workers) expect(output.join('')).toContain('SIGTERM: stopping worker');
  });
});
