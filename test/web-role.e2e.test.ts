import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inTransaction } from '@seedline/db';
import { type Database, applyMigrations, demoUsers, openDatabase, seedDemo } from '@seedline/db/setup';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { type MqttLink, connectMqtt } from '@seedline/firmware-bridge/mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningBroker, startBroker } from '../infra/local/broker.ts';
import { type PkiPaths, brokerTls, ensurePki } from '../infra/local/pki.ts';
import { announce } from '../web/app/irrigation/live-feed.server.ts';
import { telemetryPayload } from '../web/app/ingest/testkit.ts';
import { webRoot } from '../web/server/app.ts';
import { deviceLink } from './support/mqtt.ts';
import { liveEvents, signedInVisitor } from './support/web.ts';
import { freePort } from '../infra/local/free-port.ts';

// A web process alone (SEEDLINE_ROLES=web) and an ingest process (`npm run ingest`) on PostgreSQL,
// as web and ingest tasks on AWS run: no timers in either. A change stored by another process (a
// bridge's report stored by ingest, a commit of this test's) reaches the farm page's live stream
// the web process serves (LISTEN/NOTIFY), and a farmer's control sent through the web process
// reaches the broker through its own publishing link.

const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const name = `seedline_web_role_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-web-role-'));
let database: Database;
let mqttBroker: RunningBroker;
let pki: PkiPaths;
let observer: MqttLink;
type Role = { process: ChildProcess; output: string[] };
let web: Role;
let ingest: Role;
let url: string;
let thing: string;
const published: { topic: string; payload: string }[] = [];
const until = (done: () => boolean, timeout: number) => vi.waitUntil(done, { timeout, interval: 100 });

/** `node web/server/main.ts` with SEEDLINE_ROLES=`role`, as `npm run ingest` (or a web task) starts it. */
function startRole(role: string, env: Record<string, string>): Role {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(webRoot, 'server', 'main.ts')], {
    cwd: webRoot,
    env: { PATH: process.env.PATH, SEEDLINE_ROLES: role, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { process: child, output };
}

/** Resolves once the process has logged each of `lines`; throws with its log if it exits or takes too long. */
async function ready(role: Role, lines: string[]) {
  const log = () => role.output.join('');
  await until(() => role.process.exitCode !== null || lines.every((line) => log().includes(line)), 90_000).catch(
    (error: unknown) => {
      throw new Error(`not ready:\n${log().slice(-3_000)}`, { cause: error });
    },
  );
  if (role.process.exitCode !== null) throw new Error(`exited:\n${log().slice(-3_000)}`);
}

beforeAll(async () => {
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const DATABASE_URL = databaseUrl(adminUrl, name);
  database = await openDatabase({ kind: 'postgres', url: DATABASE_URL });
  await applyMigrations(database.adapterFactory);
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  thing = (await farmersZone()).greenhouse.thingName;
  pki = (await ensurePki({ dir: path.join(dataDir, 'pki'), things: [thing] })).paths;
  mqttBroker = await startBroker({ port: 0, tls: await brokerTls(pki) });
  const mtls = { endpoint: '127.0.0.1', port: mqttBroker.port, caPath: pki.ca.cert };
  // Listens where a greenhouse's shadow hears its desired state (ingest's certificate: allowed to read it).
  observer = connectMqtt({
    ...mtls,
    certPath: pki.ingest.cert,
    keyPath: pki.ingest.key,
    clientId: 'seedline-ingest-observer',
  });
  observer.subscribe('$aws/things/+/shadow/name/irrigation/update', (topic, payload) =>
    published.push({ topic, payload }),
  );
  await until(() => observer.connected(), 10_000);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  const broker = {
    INGEST_MQTT_ENDPOINT: '127.0.0.1',
    INGEST_MQTT_PORT: String(mqttBroker.port),
    INGEST_CERT: pki.ingest.cert,
    INGEST_KEY: pki.ingest.key,
    INGEST_CA: pki.ca.cert,
  };
  web = startRole('web', {
    // One HTTP process: a web task's cluster is web-cluster.e2e.test.ts's subject.
    WEB_CONCURRENCY: '1',
    PORT: String(port),
    DATABASE_URL,
    PUBLIC_URL: 'https://shop.seedline.invalid',
    SESSION_SECRET: 'web-role-test-secret-that-is-at-least-32-characters',
    SEEDLINE_DATA_DIR: dataDir,
    ...broker,
  });
  // An ingest task needs neither a session secret nor the shop's address.
  ingest = startRole('ingest', { DATABASE_URL, INGEST_CLIENT_ID: 'seedline-ingest-role-test', ...broker });
  await Promise.all([ready(web, ['Web ready on', 'Farm controls: linked']), ready(ingest, ['Ingest ready'])]);
}, 120_000);

afterAll(async () => {
  for (const role of [web, ingest]) if (role?.process.exitCode === null) role.process.kill('SIGKILL');
  await observer?.close();
  await mqttBroker?.close();
  await database?.close();
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
});

const farmer = () => demoUsers.find((u) => u.role === 'FARMER')!;

/** A zone of the farmer's farm. */
async function farmersZone() {
  const user = await database.prisma.user.findUniqueOrThrow({ where: { email: farmer().email } });
  return database.prisma.zone.findFirstOrThrow({
    where: { greenhouse: { farmId: user.farmId! } },
    select: { id: true, greenhouseId: true, greenhouse: { select: { thingName: true } } },
  });
}

describe('a web process alone (SEEDLINE_ROLES=web) beside an ingest process', () => {
  it('runs no timers: the worker role does', () => {
    expect(web.output.join('')).not.toContain('Worker ready');
    expect(web.output.join('')).not.toContain('Ingest ready');
  });

  it("streams a change stored by another process to the farm page's live events", async () => {
    const zone = await farmersZone();
    const visitor = await signedInVisitor(url, farmer().email);
    const live = await liveEvents(visitor, zone.greenhouseId, 'event: change');
    // The stream's first line comes once the page is subscribed.
    await until(() => live.heard().includes('retry:'), 5_000);
    // This test process is the other process: its own database client, its own commit.
    await inTransaction(database.prisma, (tx) => announce(tx, [{ greenhouseId: zone.greenhouseId, what: 'change' }]));
    await until(() => live.heard().includes('event: change'), 10_000);
    await live.close();
  });

  it("publishes a farmer's control to the greenhouse's shadow through its own link", async () => {
    const zone = await farmersZone();
    const visitor = await signedInVisitor(url, farmer().email);
    const sent = await visitor.post(`/farm/zones/${zone.id}`, { intent: 'run', minutes: '5' });
    expect(sent.status).toBe(302);
    const topic = `$aws/things/${zone.greenhouse.thingName}/shadow/name/irrigation/update`;
    await until(() => published.some((p) => p.topic === topic), 10_000);
    const desired = published.find((p) => p.topic === topic)!.payload;
    expect(JSON.parse(desired)).toMatchObject({ state: { desired: {} } });
  });

  it("shows a bridge's report, stored by an ingest process, on the farm page's live events", async () => {
    const zone = await farmersZone();
    const keys = await database.prisma.zone.findMany({
      where: { greenhouseId: zone.greenhouseId },
      select: { key: true },
    });
    const visitor = await signedInVisitor(url, farmer().email);
    const response = await visitor.get(`/farm/live/${zone.greenhouseId}`);
    const reader = response.body!.getReader();
    let heard = '';
    const reading = (async () => {
      while (!heard.includes('event: zones')) {
        const { value, done } = await reader.read();
        if (done) return;
        heard += new TextDecoder().decode(value);
      }
    })();
    await until(() => heard.includes('retry:'), 5_000);
    const { link } = deviceLink(mqttBroker, pki, thing);
    await until(() => link.connected(), 10_000);
    const report = telemetryPayload(
      thing,
      1,
      Date.now(),
      keys.map((k) => k.key),
    );
    await link.publish(`dt/seedline/${thing}/telemetry`, JSON.stringify(report));
    await reading;
    expect(heard).toContain('event: zones');
    await reader.cancel();
    await link.close();
  });

  it('web and ingest stop cleanly on SIGTERM, ingest with nothing left unstored', async () => {
    for (const role of [web, ingest]) {
      const exited = new Promise<number | null>((resolve) => role.process.once('exit', (code) => resolve(code)));
      role.process.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(ingest.output.join('')).not.toContain('closed with messages not stored');
    expect(await database.prisma.telemetryReading.count()).toBeGreaterThan(0);
  });
});
