import fs from 'node:fs';
import path from 'node:path';
import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Env } from '../../web/app/env.server.ts';
import type { RunningServer } from '../../web/server/start.ts';
import { launchBrowser } from './browser.ts';
import { logIn, startTestWeb } from './web.ts';

/** Where browser journeys leave their screenshots (looked at by people, not compared). */
export const screenshots = path.resolve('test-results', 'screenshots');
fs.mkdirSync(screenshots, { recursive: true });

export type DemoApp = { database: Database; web: RunningServer; close(): Promise<void> };
export type Shop = DemoApp & { browser: Browser };

/**
 * A fresh database with the demo cooperative seeded as of `seededAt` (its accounts open with the
 * demo password), and the production build serving it (with `env` on top).
 */
export async function openDemoApp(seededAt: Date, env: Partial<Env> = {}): Promise<DemoApp> {
  const database = await openTestDatabase();
  await seedDemo(database.prisma, seededAt, { demoLogins: true });
  const web = await startTestWeb(database, env);
  return {
    database,
    web,
    async close() {
      await web.close();
      await database.close();
    },
  };
}

/** The demo app as browser journeys need it: with Chromium. */
export async function openShop(seededAt: Date, env: Partial<Env> = {}): Promise<Shop> {
  const [app, browser] = await Promise.all([openDemoApp(seededAt, env), launchBrowser()]);
  return {
    ...app,
    browser,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** A demo account signed in through the log-in page, on a phone unless `viewport` says otherwise, at `to` (a path). */
export async function signedInPage(
  shop: Shop,
  email: string,
  to: string,
  viewport = { width: 360, height: 740 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await shop.browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  await logIn(page, shop.web.url, email, to);
  return { context, page };
}
