import { localDateTime } from '@seedline/db';
import type { Database } from '@seedline/db/setup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../web/server/start.ts';
import { openDemoApp } from './support/shop.ts';
import { signedInVisitor, visitor } from './support/web.ts';

// Where the phone's outbox delivers records kept offline (/farm/outbox): each goes through its
// form's own action and rules, once, and only for the sender's own plantings. The answer is JSON
// for the phone: stored, or refused with the reason.

let database: Database;
let web: RunningServer;
let close: () => Promise<void>;
const now = new Date();

beforeAll(async () => {
  ({ database, web, close } = await openDemoApp(now));
});
afterAll(() => close?.());

const planting = (thing: string, zone: string) =>
  database.prisma.planting.findFirstOrThrow({ where: { zone: { key: zone, greenhouse: { thingName: thing } } } });

function kept(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const outbox = (path: string) => `/farm/outbox?${new URLSearchParams({ path })}`;

const observation = (clientId: string) => ({
  clientId,
  observation: 'PEST',
  text: 'Rệp muội trên ngọn, khoảng 5% số cây',
  observedAt: localDateTime(new Date(now.getTime() - 2 * 3_600_000)),
});

describe('the outbox delivery', () => {
  it('stores a kept observation once, however often it is sent', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z2');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const clientId = crypto.randomUUID();
    for (let sent = 0; sent < 3; sent++) {
      const response = await v.postMultipart(outbox(`/farm/plantings/${id}/observation`), kept(observation(clientId)));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ stored: true });
    }
    expect(await database.prisma.farmLog.count({ where: { clientId } })).toBe(1);
  });

  it("answers a refusal with the rule's reason, and writes nothing", async () => {
    const { id } = await planting('seedline-xh-nm1', 'z2');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await database.prisma.farmLog.count();
    const tomorrow = localDateTime(new Date(now.getTime() + 86_400_000));
    const response = await v.postMultipart(
      outbox(`/farm/plantings/${id}/observation`),
      kept({ ...observation(crypto.randomUUID()), observedAt: tomorrow }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ stored: false, refusal: { key: 'applyInput.errors.future', params: {} } });
    expect(await database.prisma.farmLog.count()).toBe(before);
  });

  it("refuses another farm's planting and a path that is not a record form; nothing is written", async () => {
    const other = await planting('seedline-yd-nl1', 'z2');
    const v = await signedInVisitor(web.url, 'nongdan.xh@seedline.vn');
    const before = await database.prisma.farmLog.count();
    const foreign = await v.postMultipart(
      outbox(`/farm/plantings/${other.id}/observation`),
      kept(observation(crypto.randomUUID())),
    );
    expect(await foreign.json()).toEqual({ stored: false, refusal: { key: 'outbox.notFound' } });
    for (const path of ['/coop/inputs', `/farm/plantings/${other.id}/records`, '/farm/outbox', '']) {
      const response = await v.postMultipart(outbox(path), kept(observation(crypto.randomUUID())));
      expect(await response.json(), path).toEqual({ stored: false, refusal: { key: 'outbox.unknownForm' } });
    }
    expect(await database.prisma.farmLog.count()).toBe(before);
  });

  it('is closed to a visitor who is not signed in, and to a buyer', async () => {
    const { id } = await planting('seedline-xh-nm1', 'z2');
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    const path = `/farm/plantings/${id}/observation`;
    const form = (clientId: string) => kept(observation(clientId));
    const anonymous = await visitor(web.url).postMultipart(outbox(path), form(ids[0]!));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login/);
    const buyer = await signedInVisitor(web.url, 'khachhang@example.vn');
    expect((await buyer.postMultipart(outbox(path), form(ids[1]!))).status).toBe(403);
    expect(await database.prisma.farmLog.count({ where: { clientId: { in: ids } } })).toBe(0);
  });
});
