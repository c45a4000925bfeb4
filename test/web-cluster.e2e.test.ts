import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations, demoUsers, openDatabase, seedDemo } from '@seedline/db/setup';
import { databaseUrl, defaultTestPostgresUrl, quoteIdent, withAdminClient } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webRoot } from '../web/server/app.ts';
import { signedInVisitor } from './support/web.ts';
import { freePort } from '../infra/local/free-port.ts';

// `npm start -w @seedline/web` in production on PostgreSQL with WEB_CONCURRENCY=2: a primary that
// holds ingest, the outbox and the timers, and two HTTP workers on one port.

const adminUrl = process.env.SEEDLINE_TEST_PG_URL ?? defaultTestPostgresUrl;
const name = `seedline_cluster_${process.pid}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-cluster-'));
let primary: ChildProcess;
let url: string;
const output: string[] = [];

const until = (done: () => boolean, timeout: number) => vi.waitUntil(done, { timeout, interval: 100 });

/** The primary's children that run the server: its workers (tsx's esbuild is a child too). */
const workerPids = () =>
  execFileSync('ps', ['--ppid', String(primary.pid), '-o', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(path.join('server', 'main.ts')))
    .map((line) => Number(line.trim().split(/\s+/)[0]));

/** /health answered 200, on a connection of its own (a kept-alive one may lead to a killed worker). */
const answersHealth = () =>
  new Promise<boolean>((resolve) => {
    const request = http.get(`${url}/health`, { agent: false, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  await withAdminClient(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  const DATABASE_URL = databaseUrl(adminUrl, name);
  const database = await openDatabase({ kind: 'postgres', url: DATABASE_URL });
  await applyMigrations(database.adapterFactory);
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  await database.close();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  primary = spawn(process.execPath, ['--import', 'tsx', path.join(webRoot, 'server', 'main.ts')], {
    cwd: webRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      WEB_CONCURRENCY: '2',
      PORT: String(port),
      DATABASE_URL,
      PUBLIC_URL: 'https://shop.seedline.invalid',
      SESSION_SECRET: 'cluster-test-secret-that-is-at-least-32-characters',
      SEEDLINE_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  primary.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  primary.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  await until(() => output.join('').includes('Seedline is running on'), 60_000);
}, 90_000);

afterAll(async () => {
  if (primary?.exitCode === null) primary.kill('SIGKILL');
  await withAdminClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
});

describe('the web app on two cores', () => {
  it('serves from two workers, the timers in the primary alone', async () => {
    expect(output.join('')).toContain(
      `2 web workers serving; ingest, the outbox and the timers in process ${primary.pid}`,
    );
    expect(workerPids()).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 8 }, () => fetch(`${url}/health`)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
  });

  it('a mail queued by a worker is sent at once by the one outbox, once', async () => {
    const admin = demoUsers.find((u) => u.role === 'ADMIN')!;
    const visitor = await signedInVisitor(url, admin.email);
    const invite = await visitor.post('/coop/members', { name: 'Chị Lan', email: 'lan@example.vn', role: 'STAFF' });
    expect(invite.status).toBe(302);
    const mailDir = path.join(dataDir, 'mail');
    const mails = () => (fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
    // Well inside the outbox's 30 s round: the worker's kick reached the primary's outbox.
    await until(
      () => mails().some((f) => fs.readFileSync(path.join(mailDir, f), 'utf8').includes('lan@example.vn')),
      10_000,
    );
    const toLan = mails().filter((f) => fs.readFileSync(path.join(mailDir, f), 'utf8').includes('lan@example.vn'));
    expect(toLan).toHaveLength(1);
  });

  it('a worker that dies is replaced, and the replacement serves', async () => {
    const [victim, survivor] = workerPids();
    process.kill(victim!, 'SIGKILL');
    await until(() => workerPids().length === 2 && !workerPids().includes(victim!), 30_000);
    // With the other original gone too, only replacements are left to answer.
    process.kill(survivor!, 'SIGKILL');
    await vi.waitUntil(answersHealth, { timeout: 30_000, interval: 100 });
    await until(() => workerPids().length === 2, 30_000);
  });

  it('SIGTERM stops the workers, then the primary, cleanly', async () => {
    const workers = workerPids();
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter(alive)).toEqual([]);
  });
});
