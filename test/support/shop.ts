import fs from 'node:fs';
import path from 'node:path';
import { type Database, seedDemo } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import type { Browser } from 'playwright-core';
import type { Env } from '../../web/app/env.server.ts';
import type { RunningServer } from '../../web/server/start.ts';
import { launchBrowser } from './browser.ts';
import { startTestWeb } from './web.ts';

/** Where browser journeys leave their screenshots (looked at by people, not compared). */
export const screenshots = path.resolve('test-results', 'screenshots');
fs.mkdirSync(screenshots, { recursive: true });

export type Shop = { database: Database; web: RunningServer; browser: Browser; close(): Promise<void> };

/**
 * The shop as browser journeys need it: a fresh database with the demo cooperative seeded as of
 * `seededAt`, the production build serving it (with `env` on top), and Chromium.
 */
export async function openShop(seededAt: Date, env: Partial<Env> = {}): Promise<Shop> {
  const database = await openTestDatabase();
  await seedDemo(database.prisma, seededAt, { demoLogins: true });
  const [web, browser] = await Promise.all([startTestWeb(database, env), launchBrowser()]);
  return {
    database,
    web,
    browser,
    async close() {
      await browser.close();
      await web.close();
      await database.close();
    },
  };
}
