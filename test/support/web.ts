import type { Page } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerBuild } from '@remix-run/node';
import { type Database, demoPassword } from '@seedline/db/setup';
import { loadProductionBuild } from '../../web/server/app.ts';
import type { Env } from '../../web/app/env.server.ts';
import type { DesiredPublisher } from '../../web/app/irrigation/shadow-link.server.ts';
import { type RunningServer, startServer } from '../../web/server/start.ts';

let build: Promise<ServerBuild> | undefined;

/**
 * The production web build (made by the global setup) served on a free port over `database`,
 * in this test process, so a test can check what a request wrote.
 */
export async function startTestWeb(
  database: Database,
  moreEnv: Partial<Env> = {},
  publishDesired?: DesiredPublisher,
): Promise<RunningServer> {
  build ??= loadProductionBuild();
  return startServer({
    build: await build,
    database,
    publishDesired,
    env: {
      NODE_ENV: 'production',
      PORT: 0,
      SESSION_SECRET: 'test-secret-that-is-at-least-32-characters',
      // Photos the server draws and resizes go to a folder of this run, not the developer's .data.
      SEEDLINE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'seedline-web-')),
      ...moreEnv,
    },
  });
}

/**
 * A visitor with a cookie jar, speaking plain HTTP like a browser without JavaScript. `headers`
 * go with every request (an X-Forwarded-For, to stand for a client of its own behind a proxy).
 */
export function visitor(baseUrl: string, headers: Record<string, string> = {}) {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async get(path: string) {
      const response = await fetch(new URL(path, baseUrl), {
        headers: { ...headers, Cookie: cookieHeader() },
        redirect: 'manual',
      });
      remember(response);
      return response;
    },
    async post(path: string, form: Record<string, string>) {
      const response = await fetch(new URL(path, baseUrl), {
        method: 'POST',
        headers: { ...headers, Cookie: cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
      remember(response);
      return response;
    },
    /** A form with files (multipart/form-data), as a browser sends a form with a photo. */
    async postMultipart(path: string, form: FormData) {
      const response = await fetch(new URL(path, baseUrl), {
        method: 'POST',
        headers: { ...headers, Cookie: cookieHeader() },
        body: form,
        redirect: 'manual',
      });
      remember(response);
      return response;
    },
    /** The Cookie header this visitor sends, for a request made another way (a stream read as it comes). */
    cookieHeader,
  };
}

/** A visitor signed in with a demo account (they share one password), reading `locale`. */
export async function signedInVisitor(baseUrl: string, email: string, locale: 'vi' | 'en' = 'vi') {
  const v = visitor(baseUrl);
  const login = await v.post('/login', { email, password: demoPassword });
  if (login.status !== 302) throw new Error(`log-in as ${email} answered ${login.status}`);
  if (locale === 'en') await v.post('/lang', { locale: 'en', redirectTo: '/' });
  return v;
}

/** Logs an account (a demo one unless `password` is given) in through the log-in page, and waits until it lands on `to`. */
export async function logIn(page: Page, baseUrl: string, email: string, to: string, password = demoPassword) {
  await page.goto(`${baseUrl}/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => url.pathname === to);
}

/** A page's text as a reader sees it: no scripts, no tags, the usual entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/**
 * A farm page's live events (`/farm/live/{greenhouse}`) as a browser's EventSource reads them:
 * `heard()` is the text so far; the reading stops at `stopAt` (an event line), the stream's end or
 * `close()`.
 */
export async function liveEvents(v: ReturnType<typeof visitor>, greenhouseId: string, stopAt: string) {
  const response = await v.get(`/farm/live/${greenhouseId}`);
  if (!response.headers.get('content-type')?.includes('text/event-stream')) {
    throw new Error(`/farm/live answered ${response.status} ${response.headers.get('content-type')}, not a stream`);
  }
  const reader = response.body!.getReader();
  let heard = '';
  const reading = (async () => {
    while (!heard.includes(stopAt)) {
      const { value, done } = await reader.read();
      if (done) return;
      heard += new TextDecoder().decode(value);
    }
  })();
  return {
    heard: () => heard,
    async close() {
      await reader.cancel();
      await reading;
    },
  };
}
