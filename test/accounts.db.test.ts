import { type Database, demoPassword, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { linkIn, mailsTo } from './support/mail.ts';
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
    // 52 answers, each with a deliberately slow password check (scrypt): on a busy 2-core machine
    // that alone took past the default 30 s.
  }, 120_000);

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
  const signUp = (email: string, client: string) =>
    post('/signup', { name: 'Trần Văn Bình', email, password: 'a long enough password' }, client);

  it('answers alike whether the email has an account, and tells only the address which it is', async () => {
    const known = await signUp('khachhang@example.vn', '192.0.2.40');
    const fresh = await signUp('moi@example.vn', '192.0.2.41');
    for (const answer of [known, fresh]) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get('location')).toBe('/signup/sent');
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
    // The owner of the known address is told it has an account, with the way to log in; the new
    // address gets the link that makes one. No account yet.
    const [toKnown] = await mailsTo(database.prisma, 'khachhang@example.vn');
    expect(toKnown!.text).toContain('email này đã có tài khoản');
    expect(linkIn(toKnown!, '/login')).toBe('/login');
    const [toFresh] = await mailsTo(database.prisma, 'moi@example.vn');
    expect(linkIn(toFresh!, '/signup/confirm/')).toMatch(/^\/signup\/confirm\/[\w-]{43}$/);
    expect(await database.prisma.user.count({ where: { email: 'moi@example.vn' } })).toBe(0);
  });

  it('mails an address three times an hour at most, answering every time the same', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await signUp('nhieu@example.vn', `192.0.2.${60 + i}`);
      expect(answer.headers.get('location')).toBe('/signup/sent');
    }
    expect(await mailsTo(database.prisma, 'nhieu@example.vn')).toHaveLength(3);
  });

  it('stops one client after 20 sign-ups an hour, saying how long to wait', async () => {
    for (let i = 0; i < 20; i++) expect((await signUp(`kh${i}@example.vn`, '198.51.100.20')).status).toBe(302);
    const refused = await signUp('kh20@example.vn', '198.51.100.20');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(visibleText(await refused.text())).toContain('Có quá nhiều lượt đăng ký từ mạng của bạn.');
    expect(await mailsTo(database.prisma, 'kh20@example.vn')).toEqual([]);
    expect((await signUp('kh20@example.vn', '198.51.100.21')).status).toBe(302);
  });

  it('makes one account from two sign-ups of one email whose links are used at once, and a clear answer', async () => {
    await Promise.all([signUp('binh@example.vn', '192.0.2.50'), signUp('binh@example.vn', '192.0.2.51')]);
    const links = (await mailsTo(database.prisma, 'binh@example.vn')).map((m) => linkIn(m, '/signup/confirm/'));
    expect(links).toHaveLength(2);
    const answers = await Promise.all(links.map((link, i) => post(link, {}, `192.0.2.${52 + i}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([302, expect.any(Number)]);
    const refused = answers.find((a) => a.status !== 302)!;
    // The second link finds the account made (409), or its sign-up already forgotten (404).
    expect([404, 409]).toContain(refused.status);
    expect(visibleText(await refused.text())).toMatch(/Email này đã có tài khoản|Đường dẫn này đã hết hạn/);
    expect(await database.prisma.user.count({ where: { email: 'binh@example.vn' } })).toBe(1);
  });

  it('refuses a link past its 24 hours and makes nothing', async () => {
    await signUp('muon@example.vn', '192.0.2.70');
    const [mail] = await mailsTo(database.prisma, 'muon@example.vn');
    await database.prisma.signupRequest.updateMany({
      where: { email: 'muon@example.vn' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const answer = await post(linkIn(mail!, '/signup/confirm/'), {}, '192.0.2.71');
    expect(answer.status).toBe(404);
    expect(await database.prisma.user.count({ where: { email: 'muon@example.vn' } })).toBe(0);
  });
});
