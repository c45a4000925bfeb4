import { type Database, demoPassword, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { startTestWeb, visibleText } from './support/web.ts';

// Log-in under attack: guessing stops per account and per client, with a clear time to wait, and an
// unknown email answers like a wrong password, in about the same time. The server trusts one proxy
// here, so each test speaks for a client of its own through X-Forwarded-For.

let database: Database;
let web: RunningServer;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database.prisma, new Date(), { demoLogins: true });
  web = await startTestWeb(database, { TRUST_PROXY: 1 });
});

afterAll(async () => {
  await web?.close();
  await database?.close();
});

const post = (path: string, form: Record<string, string>, client: string) =>
  fetch(new URL(path, web.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': client },
    body: new URLSearchParams(form),
    redirect: 'manual',
  });

const logIn = (email: string, password: string, client: string) => post('/login', { email, password }, client);

describe('log-in', () => {
  it('stops an account after five wrong passwords, even with the right one, and says how long to wait', async () => {
    const email = 'nongdan.yd@seedline.vn';
    for (let i = 0; i < 5; i++) expect((await logIn(email, `wrong ${i}`, '203.0.113.1')).status).toBe(400);
    const sessions = await database.prisma.session.count();
    const blocked = await logIn(email, demoPassword, '203.0.113.2');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(visibleText(await blocked.text())).toContain('Đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    expect(await database.prisma.session.count()).toBe(sessions);
    // Another account is not held up by it.
    expect((await logIn('nongdan.hh@seedline.vn', demoPassword, '203.0.113.2')).status).toBe(302);
  });

  it('forgets the failures of an account that then logs in', async () => {
    const email = 'nhanvien@seedline.vn';
    for (let i = 0; i < 4; i++) await logIn(email, `wrong ${i}`, '203.0.113.3');
    expect((await logIn(email, demoPassword, '203.0.113.3')).status).toBe(302);
    for (let i = 0; i < 4; i++) expect((await logIn(email, `wrong ${i}`, '203.0.113.3')).status).toBe(400);
  });

  it('stops one client trying passwords across many accounts, and no other client', async () => {
    for (let i = 0; i < 50; i++) {
      expect((await logIn(`guess${i}@example.vn`, 'password1', '198.51.100.7')).status).toBe(400);
    }
    expect((await logIn('khachhang@example.vn', demoPassword, '198.51.100.7')).status).toBe(429);
    expect((await logIn('khachhang@example.vn', demoPassword, '198.51.100.8')).status).toBe(302);
  });

  it('answers an unknown email as a wrong password, in about the same time', async () => {
    const time = async (email: string, client: string) => {
      const started = performance.now();
      const response = await logIn(email, 'not the password', client);
      expect(response.status).toBe(400);
      expect(visibleText(await response.text())).toContain('Email hoặc mật khẩu không đúng.');
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('admin@seedline.vn', `192.0.2.${i}`));
      unknown.push(await time(`nobody${i}@example.vn`, `192.0.2.${10 + i}`));
    }
    // Checking a password costs tens of milliseconds (scrypt); a look-up alone costs a few. Without
    // the stand-in check an unknown email answers ten times faster; with it, about as fast.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});

describe('sign-up', () => {
  it('answers two sign-ups with one email at once with one account and a clear message, not a 500', async () => {
    const form = { name: 'Trần Văn Bình', email: 'binh@example.vn', password: 'a long enough password' };
    const answers = await Promise.all([post('/signup', form, '192.0.2.50'), post('/signup', form, '192.0.2.51')]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    const refused = answers.find((a) => a.status === 400)!;
    expect(visibleText(await refused.text())).toContain('Email này đã được đăng ký.');
    expect(await database.prisma.user.count({ where: { email: 'binh@example.vn' } })).toBe(1);
  });
});
