import { type Tx, inTransaction } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { eventsTopic, telemetryTopic } from '@seedline/firmware-bridge/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakePush, startFakePush } from '../../../test/support/fake-push.ts';
import { type FakeZalo, startFakeZalo } from '../../../test/support/fake-zalo.ts';
import { ingestBatch } from '../ingest/store.server.ts';
import { eventPayload, telemetryPayload, testFarm, testFarmer, testGreenhouse } from '../ingest/testkit.ts';
import { readMail } from '../mail/testkit.ts';
import { clearOfflineAlarms, offlineAfterMs, openOfflineAlarms, queueReminders } from './alarms.server.ts';
import { emailSender } from './email.server.ts';
import {
  type ChannelSender,
  LEASE_MS,
  MAX_ATTEMPTS,
  NoticeRefused,
  type Senders,
  claimDueNotices,
  deliverDueNotices,
  retryDelayMs,
} from './outbox.server.ts';
import { pushSender } from './push.server.ts';
import { zaloSender } from './zalo.server.ts';

// The notification outbox on a real database: notices written with their alarm (by ingest and by
// the offline sweep), reminders, and the worker's sending, retrying and giving up, alone and two at
// once, through fakes of a push service and of Zalo's API.

let database: Database;
let push: FakePush;
let zalo: FakeZalo;
const prisma = () => database.prisma;
const farmers: Record<'hoa' | 'lan', string> = { hoa: '', lan: '' };

// A key pair made for these tests (web-push generate-vapid-keys).
const vapid = {
  publicKey: 'BOqwy42ezrT0ZZnEYrv3ibddw90uyBTiKeTXIi8ZQ8rtYaeM8aR1sbIGT0x2tityEY_FV2u4RFJfaCArg0jIdGs',
  privateKey: '-KvaKDV9cKHOce5WabBO7wQx5Bhygdlf0KmuIVYfmwQ',
  subject: 'mailto:ops@seedline.vn',
};

beforeAll(async () => {
  [database, push, zalo] = await Promise.all([openTestDatabase(), startFakePush(), startFakeZalo()]);
  // Hòa never chose: email only. Lan chose the phone (one subscribed), Zalo and email.
  farmers.hoa = (await testFarmer(prisma(), 'hoa@farm.vn')).id;
  farmers.lan = (await testFarmer(prisma(), 'lan@farm.vn')).id;
  await prisma().user.update({ where: { id: farmers.lan }, data: { locale: 'en' } });
  await prisma().notificationSettings.create({
    data: { userId: farmers.lan, push: true, zalo: true, email: true, zaloPhone: '0912345678' },
  });
  const { endpoint, keys } = push.device('lan-phone').subscription;
  await prisma().pushSubscription.create({ data: { userId: farmers.lan, endpoint, ...keys } });
  // Not told: a farmer of another farm, a buyer and an admin.
  await testFarmer(prisma(), 'other@farm.vn', 'OTH');
  const farm = await testFarm(prisma());
  await prisma().user.create({
    data: { email: 'buyer@x.vn', name: 'B', role: 'BUYER', farmId: farm.id, passwordHash: '-' },
  });
});
afterAll(async () => {
  await Promise.all([push?.close(), zalo?.close()]);
  await database?.close();
});
beforeEach(async () => {
  await prisma().notification.deleteMany();
});

const t0 = Date.parse('2026-12-01T01:00:00Z');
let seq = 0;
const raised = (thing: string, at = t0, alarm = 'leak', zoneId: string | null = null) => ({
  topic: eventsTopic(thing),
  payload: JSON.stringify(
    eventPayload(thing, ++seq, at, {
      type: 'alarm-raised',
      at,
      zoneId,
      alarm,
      message: 'flow 4 L/min',
      needsAck: true,
    }),
  ),
  receivedAt: new Date(at),
});
const cleared = (thing: string, at: number, alarm = 'leak', zoneId: string | null = null) => ({
  topic: eventsTopic(thing),
  payload: JSON.stringify(eventPayload(thing, ++seq, at, { type: 'alarm-cleared', at, zoneId, alarm })),
  receivedAt: new Date(at),
});
const telemetry = (thing: string, receivedAt: Date) => ({
  topic: telemetryTopic(thing),
  payload: JSON.stringify(telemetryPayload(thing, ++seq, receivedAt.getTime())),
  receivedAt,
});

const rowsOf = (alarmId: string) =>
  prisma().notification.findMany({
    where: { alarmId },
    orderBy: [{ event: 'asc' }, { round: 'asc' }, { userId: 'asc' }, { channel: 'asc' }],
  });
const summary = (rows: { userId: string; channel: string; event: string; round: number }[]) =>
  rows
    .map((r) => `${r.event}${r.round ? `#${r.round}` : ''} ${r.userId === farmers.hoa ? 'hoa' : 'lan'} ${r.channel}`)
    .sort();
const alarmOf = (greenhouseId: string, kind = 'leak') =>
  prisma().alarm.findFirstOrThrow({ where: { greenhouseId, kind }, orderBy: { raisedAt: 'desc' } });

/** Records what each channel was asked to send; `fail` decides per call whether it throws. */
function recordingSenders(fail: (id: string) => Error | null = () => null) {
  const sent: string[] = [];
  const sender: ChannelSender = async (notice) => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const error = fail(notice.id);
    if (error) throw error;
    sent.push(notice.id);
  };
  const senders: Senders = { push: sender, zalo: sender, email: sender };
  return { sent, senders };
}

describe('notices written with their alarm', () => {
  it("writes one notice per farmer of the greenhouse's farm and channel they chose, once per opening, in their language", async () => {
    const g = await testGreenhouse(prisma(), 'gh-open');
    await ingestBatch(prisma(), [raised('gh-open')]);
    const alarm = await alarmOf(g.id);
    expect(summary(await rowsOf(alarm.id))).toEqual([
      'opened hoa email',
      'opened lan email',
      'opened lan push',
      'opened lan zalo',
    ]);
    const [vi, en] = [
      (await rowsOf(alarm.id)).find((r) => r.userId === farmers.hoa)!.payload,
      (await rowsOf(alarm.id)).find((r) => r.userId === farmers.lan)!.payload,
    ];
    expect(vi).toMatchObject({
      locale: 'vi',
      title: 'Cảnh báo ở gh-open',
      path: '/farm',
      fields: { status: 'Mới', place: 'Cả nhà màng', alarm: 'nước chảy khi mọi van đóng' },
    });
    expect((vi as { body: string }).body).toContain('Kiểm tra đường ống; van tổng đã đóng');
    expect(en).toMatchObject({ locale: 'en', title: 'Alarm at gh-open' });
    expect((en as { body: string }).body).toContain('Check the pipes');

    // The bridge restarts and raises its standing alarm again: still one alarm, no second notice.
    await ingestBatch(prisma(), [raised('gh-open', t0 + 60_000)]);
    expect(await prisma().alarm.count({ where: { greenhouseId: g.id } })).toBe(1);
    expect(await prisma().notification.count({ where: { alarmId: alarm.id } })).toBe(4);
  });

  it("points a zone's alarm at the zone's page", async () => {
    const g = await testGreenhouse(prisma(), 'gh-zone');
    await ingestBatch(prisma(), [raised('gh-zone', t0, 'sensor-stale', 'z2')]);
    const [row] = await rowsOf((await alarmOf(g.id, 'sensor-stale')).id);
    expect(row!.payload).toMatchObject({ path: `/farm/zones/${g.zones.z2}`, fields: { place: 'Z2' } });
  });

  it('writes nothing when the transaction that opens the alarm rolls back', async () => {
    const g = await testGreenhouse(prisma(), 'gh-rollback');
    await expect(
      prisma().$transaction(async (tx) => {
        await ingestBatch(tx, [raised('gh-rollback')]);
        expect(await tx.notification.count()).toBe(4);
        throw new Error('the database went away');
      }),
    ).rejects.toThrow('the database went away');
    expect(await prisma().alarm.count({ where: { greenhouseId: g.id } })).toBe(0);
    expect(await prisma().notification.count()).toBe(0);
  });

  it('says so when the alarm clears', async () => {
    const g = await testGreenhouse(prisma(), 'gh-clear');
    await ingestBatch(prisma(), [raised('gh-clear')]);
    await ingestBatch(prisma(), [cleared('gh-clear', t0 + 600_000)]);
    const alarm = await alarmOf(g.id);
    expect(alarm.clearedAt).toEqual(new Date(t0 + 600_000));
    const rows = await rowsOf(alarm.id);
    expect(summary(rows.filter((r) => r.event === 'cleared'))).toEqual([
      'cleared hoa email',
      'cleared lan email',
      'cleared lan push',
      'cleared lan zalo',
    ]);
    expect(rows.find((r) => r.event === 'cleared' && r.userId === farmers.hoa)!.payload).toMatchObject({
      title: 'Hết cảnh báo ở gh-clear',
      fields: { status: 'Đã hết' },
    });
  });
});

/** Keeps a transaction open long enough for a second one to start meanwhile. */
const holdOpen = () => new Promise((resolve) => setTimeout(resolve, 300));

/**
 * Runs `work` in a transaction held open after it, and resolves `done` as soon as `work` has
 * finished (its locks taken), so a second transaction starts exactly then, not after a guess.
 */
function heldOpen<T>(work: (tx: Tx) => Promise<T>) {
  let done!: () => void;
  const worked = new Promise<void>((resolve) => (done = resolve));
  const result = prisma().$transaction(async (tx) => {
    const value = await work(tx);
    done();
    await holdOpen();
    return value;
  });
  return { worked, result };
}

describe('a bridge offline', () => {
  it('opens one alarm after 15 minutes of silence, also from two sweeps at once, and clears it with the next message', async () => {
    const g = await testGreenhouse(prisma(), 'gh-offline');
    // The other tests' bridges are long silent: the sweep's answers are read for this greenhouse.
    const ours = async (opened: Promise<string[]>) =>
      prisma().alarm.count({ where: { id: { in: await opened }, greenhouseId: g.id } });
    const heard = new Date('2026-12-01T02:00:00Z');
    await ingestBatch(prisma(), [telemetry('gh-offline', heard)]);

    expect(await ours(openOfflineAlarms(prisma(), new Date(heard.getTime() + offlineAfterMs - 1_000)))).toBe(0);
    const later = new Date(heard.getTime() + offlineAfterMs + 60_000);
    // Two web processes sweep at the same instant: the first holds its transaction open while the
    // second sweeps (on PostgreSQL the second waits for the first's lock, then sees its alarm).
    const first = heldOpen((tx) => openOfflineAlarms(tx, later));
    await first.worked;
    const second = ours(openOfflineAlarms(prisma(), later));
    expect([await ours(first.result), await second]).toEqual([1, 0]);
    expect(await ours(openOfflineAlarms(prisma(), new Date(later.getTime() + 60_000)))).toBe(0);
    const alarm = await alarmOf(g.id, 'bridge-offline');
    expect(alarm).toMatchObject({
      zoneId: null,
      clearedAt: null,
      raisedAt: new Date(heard.getTime() + offlineAfterMs),
    });
    expect(summary(await rowsOf(alarm.id))).toEqual([
      'opened hoa email',
      'opened lan email',
      'opened lan push',
      'opened lan zalo',
    ]);
    expect((await rowsOf(alarm.id))[0]!.payload).toMatchObject({
      title: 'Cảnh báo ở gh-offline',
      fields: { alarm: 'bộ điều khiển không gửi dữ liệu' },
    });

    const back = new Date(later.getTime() + 120_000);
    await ingestBatch(prisma(), [telemetry('gh-offline', back)]);
    const afterwards = await prisma().alarm.findUniqueOrThrow({ where: { id: alarm.id } });
    expect(afterwards.clearedAt).not.toBeNull();
    expect(summary((await rowsOf(alarm.id)).filter((r) => r.event === 'cleared'))).toHaveLength(4);
    // Online again: no alarm is opened, and a later silence opens a new one.
    expect(await ours(openOfflineAlarms(prisma(), new Date(back.getTime() + 60_000)))).toBe(0);
    expect(await ours(openOfflineAlarms(prisma(), new Date(back.getTime() + offlineAfterMs + 1_000)))).toBe(1);
  });

  it('leaves a greenhouse whose bridge never reported alone, and writes nothing when the sweep rolls back', async () => {
    const never = await testGreenhouse(prisma(), 'gh-never');
    await openOfflineAlarms(prisma(), new Date());
    expect(await prisma().alarm.count({ where: { greenhouseId: never.id } })).toBe(0);

    const g = await testGreenhouse(prisma(), 'gh-offline-rollback');
    await ingestBatch(prisma(), [telemetry('gh-offline-rollback', new Date('2026-12-01T00:00:00Z'))]);
    await expect(
      prisma().$transaction(async (tx) => {
        await openOfflineAlarms(tx, new Date('2026-12-01T01:00:00Z'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await prisma().alarm.count({ where: { greenhouseId: g.id } })).toBe(0);
    expect(await prisma().notification.count({ where: { alarm: { greenhouseId: g.id } } })).toBe(0);
    // Nothing to clear is nothing written.
    expect(await inTransaction(prisma(), (tx) => clearOfflineAlarms(tx, [g.id], new Date()))).toBe(0);
  });
});

describe('reminders', () => {
  it('remind once every N hours while the alarm is open and unacknowledged, and stop once it is acknowledged', async () => {
    const g = await testGreenhouse(prisma(), 'gh-remind');
    await ingestBatch(prisma(), [raised('gh-remind', t0, 'no-flow', 'z1')]);
    const alarm = await alarmOf(g.id, 'no-flow');
    const at = (hours: number) => new Date(t0 + hours * 3_600_000);
    const reminders = async () => summary((await rowsOf(alarm.id)).filter((r) => r.event === 'reminder'));

    await queueReminders(prisma(), at(3.99), 4);
    expect(await reminders()).toEqual([]);
    await queueReminders(prisma(), at(4), 4);
    await queueReminders(prisma(), at(5), 4);
    await Promise.all([queueReminders(prisma(), at(7.5), 4), queueReminders(prisma(), at(7.5), 4)]);
    expect(await reminders()).toEqual([
      'reminder#1 hoa email',
      'reminder#1 lan email',
      'reminder#1 lan push',
      'reminder#1 lan zalo',
    ]);
    await queueReminders(prisma(), at(8.2), 4);
    expect(await reminders()).toHaveLength(8);
    const reminder = (await rowsOf(alarm.id)).find((r) => r.round === 2 && r.userId === farmers.hoa)!;
    expect(reminder.payload).toMatchObject({ title: 'Nhắc lại: cảnh báo ở gh-remind vẫn còn' });

    await prisma().alarm.update({ where: { id: alarm.id }, data: { acknowledgedAt: at(9) } });
    await queueReminders(prisma(), at(12.5), 4);
    expect(await reminders()).toHaveLength(8);
    // A reminder queued before the acknowledgement is not sent after it.
    const { sent, senders } = recordingSenders();
    await deliverDueNotices(prisma(), senders, at(13), { limit: 1000 });
    expect(sent).not.toContain(reminder.id);
    const statuses = (await rowsOf(alarm.id)).filter((r) => r.event === 'reminder').map((r) => r.status);
    expect(statuses).toEqual(Array(8).fill('SKIPPED'));
  });
});

describe('the worker', () => {
  async function queued(thing: string) {
    const g = await testGreenhouse(prisma(), thing);
    await ingestBatch(prisma(), [raised(thing)]);
    return rowsOf((await alarmOf(g.id)).id);
  }

  it('retries a failed send with a growing wait, sends it once the channel answers, and never sends a sent notice again', async () => {
    const rows = await queued('gh-retry');
    const failing = new Set(rows.map((r) => r.id));
    const { sent, senders } = recordingSenders((id) => (failing.has(id) ? new Error('503 from the channel') : null));
    const now = new Date();
    expect(await deliverDueNotices(prisma(), senders, now)).toMatchObject({ sent: 0, retrying: 4 });
    const waiting = await prisma().notification.findUniqueOrThrow({ where: { id: rows[0]!.id } });
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1, lastError: '503 from the channel' });
    expect(waiting.nextAttemptAt).toEqual(new Date(now.getTime() + retryDelayMs(1)));
    expect(await deliverDueNotices(prisma(), senders, new Date(now.getTime() + retryDelayMs(1) - 1))).toMatchObject({
      retrying: 0,
    });
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));

    failing.clear();
    const later = new Date(now.getTime() + retryDelayMs(1));
    expect(await deliverDueNotices(prisma(), senders, later)).toMatchObject({ sent: 4, retrying: 0 });
    expect(await deliverDueNotices(prisma(), senders, new Date(later.getTime() + 86_400_000))).toMatchObject({
      sent: 0,
    });
    expect(sent.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(await prisma().notification.findUniqueOrThrow({ where: { id: rows[0]!.id } })).toMatchObject({
      status: 'SENT',
      attempts: 2,
      lastError: null,
    });
  });

  it('gives up after the last attempt, or at once when the channel can never take it, and records why', async () => {
    const rows = await queued('gh-give-up');
    const refused = rows.find((r) => r.channel === 'zalo')!.id;
    const logged: string[] = [];
    const { senders } = recordingSenders((id) =>
      id === refused ? new NoticeRefused('the user has no Zalo phone number') : new Error('connection refused'),
    );
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await deliverDueNotices(prisma(), senders, now, { log: (line) => logged.push(line) });
      now = new Date(now.getTime() + retryDelayMs(attempt));
    }
    const after = await rowsOf(rows[0]!.alarmId);
    expect(after.find((r) => r.id === refused)).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      lastError: 'the user has no Zalo phone number',
    });
    expect(after.filter((r) => r.id !== refused).map((r) => [r.status, r.attempts, r.lastError])).toEqual(
      Array(3).fill(['FAILED', MAX_ATTEMPTS, 'connection refused']),
    );
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatch(/given up after 1 attempt\(s\): the user has no Zalo phone number/);
  });

  it('sends each notice once with two workers at once', async () => {
    const rows = [...(await queued('gh-two-a')), ...(await queued('gh-two-b')), ...(await queued('gh-two-c'))];
    const { sent, senders } = recordingSenders();
    const now = new Date();
    const results = await Promise.all([
      deliverDueNotices(prisma(), senders, now, { limit: 5 }),
      deliverDueNotices(prisma(), senders, now, { limit: 5 }),
      deliverDueNotices(prisma(), senders, now, { limit: 5 }),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(rows.length);
    expect(sent.sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it('never lets two workers claim one notice, even at the same instant', async () => {
    const rows = await queued('gh-same-instant');
    const now = new Date();
    // The first claim's transaction stays open while the second claims: the rows it locked are
    // skipped, and once it commits they are SENDING under its lease.
    const first = heldOpen((tx) => claimDueNotices(tx, now));
    await first.worked;
    const second = await claimDueNotices(prisma(), now);
    expect((await first.result).map((n) => n.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(second).toEqual([]);
  });

  it('sends a notice whose worker died mid-send exactly once, after its claim runs out', async () => {
    const rows = await queued('gh-killed');
    const now = new Date();
    // A worker claims them and dies before it marks anything.
    const abandoned = await claimDueNotices(prisma(), now);
    expect(abandoned.map((n) => n.id).sort()).toEqual(rows.map((r) => r.id).sort());

    const { sent, senders } = recordingSenders();
    expect(await deliverDueNotices(prisma(), senders, new Date(now.getTime() + LEASE_MS - 1))).toMatchObject({
      sent: 0,
    });
    expect(await deliverDueNotices(prisma(), senders, new Date(now.getTime() + LEASE_MS))).toMatchObject({ sent: 4 });
    expect(await deliverDueNotices(prisma(), senders, new Date(now.getTime() + 10 * LEASE_MS))).toMatchObject({
      sent: 0,
    });
    expect(sent.sort()).toEqual(rows.map((r) => r.id).sort());
    expect((await rowsOf(rows[0]!.alarmId)).map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(['SENT', 2]));
  });
});

describe('the channels', () => {
  const senders = (): Senders => ({
    push: pushSender(vapid, 'https://shop.seedline.vn'),
    zalo: zaloSender({ accessToken: 'oa-token', templateId: '301234', apiBase: zalo.url }),
    email: emailSender(),
  });

  it("pushes the notice encrypted for the phone, signed with the server's VAPID key, and opens the zone's page", async () => {
    const g = await testGreenhouse(prisma(), 'gh-push');
    await ingestBatch(prisma(), [raised('gh-push', t0, 'sensor-stuck', 'z1')]);
    const alarm = await alarmOf(g.id, 'sensor-stuck');
    const before = push.received.length;
    const result = await deliverDueNotices(prisma(), senders(), new Date());
    expect(result).toMatchObject({ sent: 4, retrying: 0, failed: 0 });

    const pushes = push.received.slice(before);
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.device).toBe('lan-phone');
    expect(pushes[0]!.message).toEqual({
      title: 'Alarm at gh-push',
      body: expect.stringContaining('Z1: the moisture sensor is stuck on one value'),
      url: `https://shop.seedline.vn/farm/zones/${g.zones.z1}`,
      tag: `alarm-${alarm.id}`,
    });
    expect(pushes[0]!.vapid).toMatchObject({
      aud: push.url,
      sub: 'mailto:ops@seedline.vn',
      publicKey: vapid.publicKey,
      signatureValid: true,
    });
    expect(pushes[0]!.headers).toMatchObject({ urgency: 'high', ttl: '86400' });
  });

  it('sends the Zalo template to the phone in 84 form with the notice as tracking id, and retries when Zalo refuses', async () => {
    const g = await testGreenhouse(prisma(), 'gh-zalo');
    await ingestBatch(prisma(), [raised('gh-zalo')]);
    const alarm = await alarmOf(g.id);
    const notice = (await rowsOf(alarm.id)).find((r) => r.channel === 'zalo')!;
    const before = zalo.requests.length;
    zalo.fail({ error: -124, message: 'Access token is invalid' });
    const now = new Date();
    expect(await deliverDueNotices(prisma(), senders(), now)).toMatchObject({ sent: 3, retrying: 1 });
    expect(await prisma().notification.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      status: 'PENDING',
      lastError: 'Zalo ZNS refused the message: error -124 Access token is invalid',
    });
    expect(await deliverDueNotices(prisma(), senders(), new Date(now.getTime() + retryDelayMs(1)))).toMatchObject({
      sent: 1,
    });
    const requests = zalo.requests.slice(before);
    expect(requests).toHaveLength(2);
    expect(requests[1]).toEqual({
      accessToken: 'oa-token',
      body: {
        phone: '84912345678',
        template_id: '301234',
        tracking_id: notice.id,
        template_data: {
          status: 'New',
          greenhouse: 'gh-zalo',
          place: 'Whole greenhouse',
          alarm: 'water flows while every valve is closed',
          time: expect.any(String),
        },
      },
    });
  });

  it('queues the email in the email outbox with the notice, in the reader’s language, with the link', async () => {
    const g = await testGreenhouse(prisma(), 'gh-email');
    await ingestBatch(prisma(), [raised('gh-email', t0, 'budget-reached', 'z2')]);
    await deliverDueNotices(prisma(), senders(), new Date());
    const [mail] = await prisma().outgoingEmail.findMany({
      where: { to: 'hoa@farm.vn', subject: 'Cảnh báo ở gh-email' },
    });
    const read = readMail(mail!.raw);
    expect(read.subject).toBe('Cảnh báo ở gh-email');
    expect(read.text).toContain('Z2: đã tưới hết lượng nước trong ngày');
    expect(read.text).toContain('Khu này tưới lại từ ngày mai.');
    expect(read.text).toContain(`/farm/zones/${g.zones.z2}`);
  });

  it('forgets a phone that unsubscribed (410 Gone), and gives the push notice up when no phone is left', async () => {
    const g = await testGreenhouse(prisma(), 'gh-gone');
    push.unsubscribe('lan-phone');
    await ingestBatch(prisma(), [raised('gh-gone')]);
    const notice = (await rowsOf((await alarmOf(g.id)).id)).find((r) => r.channel === 'push')!;
    await deliverDueNotices(prisma(), senders(), new Date(), { log: () => {} });
    expect(await prisma().pushSubscription.count({ where: { userId: farmers.lan } })).toBe(0);
    expect(await prisma().notification.findUniqueOrThrow({ where: { id: notice.id } })).toMatchObject({
      status: 'FAILED',
      lastError: 'every push subscription of the user has expired',
    });
  });
});
