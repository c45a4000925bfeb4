import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
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
import { webRoot } from '../web/server/app.ts';
import { signedInVisitor } from './support/web.ts';

// A web process alone (SEEDLINE_ROLES=web) on PostgreSQL, as a web task on AWS runs: no ingest,
// no timers in it. A change stored by another process reaches the farm page's live stream it
// serves (LISTEN/NOTIFY), and a farmer's control sent through it reaches the broker through its
// own publishing link.

const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const name = `seedline_web_role_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-web-role-'));
let database: Database;
let broker: RunningBroker;
let pki: PkiPaths;
let observer: MqttLink;
let web: ChildProcess;
let url: string;
const output: string[] = [];
const published: { topic: string; payload: string }[] = [];
const until = (done: () => boolean, timeout: number) => vi.waitUntil(done, { timeout, interval: 100 });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

beforeAll(async () => {
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const DATABASE_URL = databaseUrl(adminUrl, name);
  database = await openDatabase({ kind: 'postgres', url: DATABASE_URL });
  await applyMigrations(database.adapterFactory);
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  pki = (await ensurePki({ dir: path.join(dataDir, 'pki'), things: [] })).paths;
  broker = await startBroker({ port: 0, tls: await brokerTls(pki) });
  const mtls = { endpoint: '127.0.0.1', port: broker.port, caPath: pki.ca.cert };
  // Listens where a greenhouse's shadow hears its desired state (ingest's certificate: allowed to read it).
  observer = connectMqtt({
    ...mtls,
    certPath: pki.ingest.cert,
    keyPath: pki.ingest.key,
    thingName: 'seedline-ingest-observer',
  });
  observer.subscribe('$aws/things/+/shadow/name/irrigation/update', (topic, payload) =>
    published.push({ topic, payload }),
  );
  await until(() => observer.connected(), 10_000);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  web = spawn(process.execPath, ['--import', 'tsx', path.join(webRoot, 'server', 'main.ts')], {
    cwd: webRoot,
    env: {
      PATH: process.env.PATH,
      SEEDLINE_ROLES: 'web',
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL,
      PUBLIC_URL: 'https://shop.seedline.invalid',
      SESSION_SECRET: 'web-role-test-secret-that-is-at-least-32-characters',
      SEEDLINE_DATA_DIR: dataDir,
      INGEST_MQTT_ENDPOINT: '127.0.0.1',
      INGEST_MQTT_PORT: String(broker.port),
      INGEST_CERT: pki.ingest.cert,
      INGEST_KEY: pki.ingest.key,
      INGEST_CA: pki.ca.cert,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  web.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  web.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await until(
    () =>
      web.exitCode !== null ||
      (output.join('').includes('Web ready on') && output.join('').includes('Farm controls: linked')),
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`the web process did not get ready:\n${output.join('').slice(-3_000)}`, { cause: error });
  });
  if (web.exitCode !== null) throw new Error(`the web process exited:\n${output.join('').slice(-3_000)}`);
}, 90_000);

afterAll(async () => {
  if (web?.exitCode === null) web.kill('SIGKILL');
  await observer?.close();
  await broker?.close();
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

describe('a web process alone (SEEDLINE_ROLES=web)', () => {
  it('runs no timers: the worker role does', () => {
    expect(output.join('')).not.toContain('Worker ready');
    expect(output.join('')).not.toContain('Ingest ready');
  });

  it("streams a change stored by another process to the farm page's live events", async () => {
    const zone = await farmersZone();
    const visitor = await signedInVisitor(url, farmer().email);
    const response = await visitor.get(`/farm/live/${zone.greenhouseId}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let heard = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        heard += new TextDecoder().decode(value);
        if (heard.includes('event: change')) return;
      }
    })();
    // The stream's first line comes once the page is subscribed.
    await until(() => heard.includes('retry:'), 5_000);
    // This test process is the other process: its own database client, its own commit.
    await inTransaction(database.prisma, (tx) => announce(tx, [{ greenhouseId: zone.greenhouseId, what: 'change' }]));
    await reading;
    expect(heard).toContain('event: change');
    await reader.cancel();
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

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => web.once('exit', (code) => resolve(code)));
    web.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
