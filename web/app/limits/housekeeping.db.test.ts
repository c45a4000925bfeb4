import { type Database } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStaleRows } from './housekeeping.server.ts';
import { countEvent } from './rate-limit.server.ts';

let database: Database;
const db = () => database.prisma;
const now = new Date('2026-12-03T05:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe(`the housekeeping sweep (${testDbKind()})`, () => {
  it('deletes expired sessions, guest carts left for 30 days, expired sign-ups and closed rate-limit windows, and nothing else', async () => {
    const user = await db().user.create({
      data: { email: 'an@example.vn', name: 'An', passwordHash: 'x', role: 'BUYER' },
    });
    await db().session.create({ data: { userId: user.id, expiresAt: daysAgo(1) } });
    const live = await db().session.create({ data: { userId: user.id, expiresAt: daysAgo(-1) } });
    const abandoned = await db().cart.create({ data: { userId: null } });
    const recent = await db().cart.create({ data: { userId: null } });
    const own = await db().cart.create({ data: { userId: user.id } });
    // @updatedAt is set by Prisma on every write: date the rows by SQL.
    await db().$executeRaw`UPDATE "Cart" SET "updatedAt" = ${daysAgo(31)} WHERE id IN (${abandoned.id}, ${own.id})`;
    await db().$executeRaw`UPDATE "Cart" SET "updatedAt" = ${daysAgo(29)} WHERE id = ${recent.id}`;
    const signup = (tokenHash: string, expiresAt: Date) =>
      db().signupRequest.create({
        data: { tokenHash, email: 'moi@example.vn', name: 'Mới', passwordHash: 'x', expiresAt },
      });
    await signup('expired', daysAgo(1));
    await signup('waiting', daysAgo(-1));
    await countEvent(db(), 'old', { max: 5, windowMs: 60_000 }, daysAgo(1));
    await countEvent(db(), 'open', { max: 5, windowMs: 60_000 }, now);

    expect(await sweepStaleRows(db(), now)).toEqual({ sessions: 1, carts: 1, signups: 1, rateLimits: 1 });
    expect(await db().signupRequest.findMany({ select: { tokenHash: true } })).toEqual([{ tokenHash: 'waiting' }]);
    expect(await db().session.findMany({ select: { id: true } })).toEqual([{ id: live.id }]);
    const carts = await db().cart.findMany({ select: { id: true } });
    expect(carts.map((c) => c.id).sort()).toEqual([recent.id, own.id].sort());
    expect(await db().rateLimit.findMany({ select: { key: true } })).toEqual([{ key: 'open' }]);
  });
});
