// A leak in the greenhouse, from the meters to the farmer and back: the bridge latches it and
// closes the master valve, ingest stores the alarm, the farmer acknowledges it (the farm page's
// function), the shadow carries it once, and the bridge releases it when the line is dry.
import type { Database } from '@seedline/db/setup';
import { openTestDatabase } from '@seedline/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testFarmer } from '../web/app/ingest/testkit.ts';
import { acknowledgeAlarm } from '../web/app/irrigation/controls.server.ts';
import { type OpenGreenhouse, openGreenhouse } from './support/greenhouse.ts';

let database: Database;
let greenhouse: OpenGreenhouse;

beforeAll(async () => {
  database = await openTestDatabase();
  greenhouse = await openGreenhouse(database);
}, 60_000);

afterAll(async () => {
  await greenhouse?.close();
  await database?.close();
});

const patiently = (what: string) => ({ timeout: 15_000, interval: 50, message: `waiting for ${what}` });
const leak = () => database.prisma.alarm.findFirst({ where: { greenhouseId: greenhouse.greenhouseId, kind: 'leak' } });

it('a leak is acknowledged by the farmer, once, and clears on the bridge once the line is dry', async () => {
  const farmer = await testFarmer(database.prisma, 'nong.dan@example.vn');
  greenhouse.hardware.leak(6);
  await expect.poll(leak, patiently('the leak alarm stored')).toMatchObject({ clearedAt: null, acknowledgedAt: null });
  expect(greenhouse.bridge.state().site.leak).toBe(true);

  greenhouse.hardware.leak(0);
  await acknowledgeAlarm(database.prisma, greenhouse.ingest.publishDesired, farmer, (await leak())!.id);
  await expect.poll(async () => (await leak())?.clearedAt, patiently('the leak cleared')).toBeInstanceOf(Date);
  expect((await leak())?.acknowledgedAt).toBeInstanceOf(Date);
  expect(greenhouse.bridge.state().site.leak).toBe(false);
  expect(await database.prisma.controlRequest.findMany({ where: { kind: 'acknowledge' } })).toMatchObject([
    { status: 'CONFIRMED', byUserId: farmer.id, zoneId: null },
  ]);
});
