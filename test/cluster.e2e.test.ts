// `npm run start:cluster` as a user runs it (scripts/start-cluster.ts, on a database and ports of
// this test's): two web processes behind the front port, two ingest processes in one share group,
// a worker, Mosquitto with mutual TLS, the shadow service and the demo bridge. Everything is driven
// through the front URL, as a farmer's phone and a buyer's browser reach the load balancer: plain
// HTTP with a cookie jar (no page here needs its scripts), Stripe faked locally.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { type Database, demoUsers, openDatabase } from '@seedline/db/setup';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../infra/local/free-port.ts';
import { type FakeStripe, startFakeStripe } from './support/fake-stripe.ts';
import { liveEvents, signedInVisitor, visitor } from './support/web.ts';

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const name = `seedline_cluster_rehearsal_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-start-cluster-'));
const webhookSecret = 'whsec_test_seedline_cluster';
const THING = 'seedline-xh-nm1';
let cluster: ChildProcess;
let front: string;
let stripe: FakeStripe;
let database: Database;
const output: string[] = [];
const log = () => output.join('');
const until = (done: () => boolean | Promise<boolean>, timeout: number, what: string) =>
  vi.waitUntil(done, { timeout, interval: 200 }).catch((error: unknown) => {
    throw new Error(`${what} (not within ${timeout / 1000} s); the cluster's log ends:\n${log().slice(-4_000)}`, {
      cause: error,
    });
  });

beforeAll(async () => {
  stripe = await startFakeStripe();
  const port = await freePort();
  front = `http://127.0.0.1:${port}`;
  const DATABASE_URL = databaseUrl(adminUrl, name);
  // The launcher itself, in a process group of its own (its children have theirs).
  cluster = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start-cluster.ts')], {
    cwd: root,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // Not vitest's `test`: the roles run in production whatever the launcher was given.
      NODE_ENV: 'production',
      PORT: String(port),
      SEEDLINE_MQTT_PORT: String(await freePort()),
      DATABASE_URL,
      SEEDLINE_DATA_DIR: dataDir,
      STRIPE_SECRET_KEY: 'sk_test_seedline',
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: stripe.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cluster.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  cluster.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await until(() => log().includes('Seedline cluster ready') || cluster.exitCode !== null, 240_000, 'cluster ready');
  expect(cluster.exitCode, log().slice(-4_000)).toBeNull();
  // Most of this file's time: five processes booting together (a figure for CI's timings).
  console.log(log().match(/Seedline cluster ready in \d+ s/)?.[0]);
  stripe.webhook = { url: `${front}/webhooks/stripe`, secret: webhookSecret };
  database = await openDatabase({ kind: 'postgres', url: DATABASE_URL });
}, 260_000);

afterAll(async () => {
  if (cluster?.exitCode === null && cluster.pid) process.kill(-cluster.pid, 'SIGKILL');
  await database?.close();
  await stripe?.close();
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

const farmer = () => demoUsers.find((u) => u.role === 'FARMER')!;

const bridgeZone = () =>
  database.prisma.zone.findFirstOrThrow({
    where: { key: 'z1', greenhouse: { thingName: THING } },
    select: { id: true, greenhouseId: true },
  });

const storedReadings = () => database.prisma.ingestedMessage.count({ where: { thingName: THING } });

/** GET `path` through the front on a connection of its own: status and the process that answered. */
const freshGet = (path: string, cookie: string) =>
  new Promise<{ status: number; instance: string }>((resolve, reject) => {
    const request = http.get(`${front}${path}`, { agent: false, headers: { Cookie: cookie } }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, instance: String(response.headers['x-seedline-instance']) });
    });
    request.on('error', reject);
  });

/** The pid the child `name` last logged as ready ("… (process N)"), and how many times it has. */
function readyLines(name: string, text: string): number[] {
  const pattern = new RegExp(`^${name}\\s*\\| ${text}.*\\(process (\\d+)\\)$`, 'gm');
  return [...log().matchAll(pattern)].map((match) => Number(match[1]));
}

describe('npm run start:cluster', () => {
  it('spreads fresh connections over both web processes, each serving the signed-in farmer', async () => {
    const visitor = await signedInVisitor(front, farmer().email);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await freshGet('/farm', visitor.cookieHeader()));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.instance))).toEqual(new Set(['web-1', 'web-2']));
  });

  it("shows the bridge's readings arriving on the farm page's live events", async () => {
    const zone = await bridgeZone();
    const visitor = await signedInVisitor(front, farmer().email);
    const live = await liveEvents(visitor, zone.greenhouseId, 'event: zones');
    // A report each second of real time (a minute of the bridge's, at 60×): stored by ingest,
    // announced by PostgreSQL to whichever web process holds this stream.
    await until(() => live.heard().includes('event: zones'), 30_000, 'a zones event on the live stream');
    await live.close();
    const page = await visitor.get('/farm');
    expect(await page.text()).toContain(THING);
  });

  // "Off", not a manual run: the control core takes it in any state, while a run may be refused
  // (an alarm, a spent budget) by then at 60× time. Any answer proves the round trip; this one is
  // always "applied".
  it("sends a farmer's control from the dashboard to the bridge through the shadow, and hears its answer", async () => {
    const zone = await bridgeZone();
    // As the farmer would: once the page stops saying the controller is connecting, that is once
    // the bridge's settings came back through its shadow.
    const reported = async () =>
      (await database.prisma.zone.findUniqueOrThrow({ where: { id: zone.id } })).reportedAt !== null;
    await until(reported, 30_000, "the bridge's settings reported through its shadow");
    const bridgeLog = path.join(dataDir, 'bridge.log');
    const before = fs.statSync(bridgeLog).size;
    const visitor = await signedInVisitor(front, farmer().email);
    const sent = await visitor.post(`/farm/zones/${zone.id}`, { intent: 'off' });
    expect(sent.headers.get('location')).toMatch(/sent=off/);
    // Bytes, not characters: the log's Vietnamese names take several bytes each.
    const since = () => fs.readFileSync(bridgeLog).subarray(before).toString('utf8');
    // The bridge's own line: its control core took the command (web's link → shadow service → bridge).
    await until(
      () => /"type":"mode-changed".*"zoneId":"z1","mode":\{"kind":"off"\}/.test(since()),
      45_000,
      'the zone turned off in the bridge log',
    ).catch((error: unknown) => {
      const shadows = fs.readFileSync(path.join(dataDir, 'shadows.json'), 'utf8');
      throw new Error(
        `the shadows: ${shadows.slice(0, 3_000)}\nthe bridge's log since the post:\n${since().slice(-1_500)}`,
        {
          cause: error,
        },
      );
    });
    // ...and its answer came back: the shadow's document reached the ingest copies, which marked
    // the command answered, so the dashboard no longer shows it as waiting.
    const answered = async () =>
      (await database.prisma.zone.findUniqueOrThrow({ where: { id: zone.id } })).pendingCommand === null;
    await until(answered, 30_000, 'the command answered (pendingCommand cleared)');
    const request = await database.prisma.controlRequest.findFirstOrThrow({
      where: { zoneId: zone.id },
      orderBy: { requestedAt: 'desc' },
    });
    expect(request).toMatchObject({ kind: 'off', status: 'CONFIRMED' });
  }, 90_000);

  it('takes a buyer’s card order and payment, and the worker sends the confirmation', async () => {
    const listing = await database.prisma.listing.findFirstOrThrow({ where: { published: true, stock: { gte: 2 } } });
    const buyer = visitor(front);
    expect(
      (await buyer.post('/cart', { intent: 'add', listingId: listing.id, quantity: '1', redirectTo: '/cart' })).status,
    ).toBe(302);
    const checkout = await buyer.post('/checkout', {
      name: 'Lê Thị Hoa',
      phone: '0912345678',
      email: 'hoa@example.vn',
      fulfilment: 'DELIVERY',
      address: '12 Lê Lai, phường Hạc Thành, Thanh Hóa',
      paymentMethod: 'CARD',
    });
    expect(checkout.status).toBe(302);
    const payUrl = checkout.headers.get('location')!;
    expect(payUrl).toMatch(new RegExp(`^${stripe.url}/pay/cs_test_`));
    // "Pay" at (fake) Stripe: its signed webhook comes back through the front.
    const paid = await fetch(payUrl, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    const sessionId = new URL(payUrl).pathname.split('/').at(-1)!;
    const order = () =>
      database.prisma.order.findFirst({
        where: { payments: { some: { providerRef: sessionId } } },
        select: { id: true, reference: true, status: true },
      });
    await until(async () => (await order())?.status === 'PAID', 20_000, 'the order paid');
    const { id, reference } = (await order())!;
    const email = () => database.prisma.outgoingEmail.findFirst({ where: { orderId: id }, select: { status: true } });
    await until(async () => (await email())?.status === 'SENT', 30_000, 'the confirmation sent by the worker');
    const mails = fs.readdirSync(path.join(dataDir, 'mail')).filter((f) => f.includes(reference));
    expect(mails).toHaveLength(1);
  }, 90_000);

  it('keeps storing readings when an ingest process is killed, and starts it again', async () => {
    const [victim] = readyLines('ingest-1', 'Ingest ready');
    expect(victim).toBeGreaterThan(0);
    const before = await storedReadings();
    process.kill(victim!, 'SIGKILL');
    await until(() => log().includes('ingest-1 exited (SIGKILL)'), 10_000, 'the death reported');
    // The other member of the share group stores meanwhile; what ingest-1 held comes again from
    // the bridge, which keeps every message until ingest confirms it (decision 038).
    await until(async () => (await storedReadings()) >= before + 3, 30_000, 'readings stored after the kill');
    await until(() => readyLines('ingest-1', 'Ingest ready').length === 2, 60_000, 'ingest-1 started again');
  }, 120_000);

  it('stops every process on Ctrl-C', async () => {
    const pids = ['web-1', 'web-2', 'ingest-1', 'ingest-2', 'worker'].map((child) => {
      const ready = readyLines(
        child,
        child.startsWith('web') ? 'Web ready on' : child === 'worker' ? 'Worker ready' : 'Ingest ready',
      );
      return ready.at(-1)!;
    });
    const exited = new Promise<number | null>((resolve) => cluster.once('exit', (code) => resolve(code)));
    process.kill(cluster.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(log()).toContain('Stopped.');
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 60_000);
});
