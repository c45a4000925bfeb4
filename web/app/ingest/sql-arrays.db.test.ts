import type { Database } from '@seedline/db/setup';
import { openTestDatabase, testDbKind } from '@seedline/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { booleanArray, numberArray, textArray } from './sql-arrays.server.ts';

// The literals ingest binds for its columns, read back by the database they are written to: what
// goes in is what PostgreSQL (or PGlite) gets, whatever the text holds.

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe(`column arrays as literals (${testDbKind()})`, () => {
  it('keeps text as it is: quotes, backslashes, braces, commas, spaces, "NULL", Vietnamese, empty', async () => {
    const texts = ['a"b', 'c\\d', '{e}', 'f,g', ' h ', 'NULL', 'Nhà lưới số 1', '', null];
    const rows = await database.prisma.$queryRaw<{ t: string | null }[]>`
      SELECT t FROM unnest(${textArray(texts)}::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`;
    expect(rows.map((r) => r.t)).toEqual(texts);
  });

  it('keeps numbers exact, nulls as nulls, and big sequence numbers as bigints', async () => {
    const numbers = [0, -1.5, 33.3, 1e-7, 1_777_000_000_123, 2 ** 53 - 1, null];
    const rows = await database.prisma.$queryRaw<{ f: number | null; b: string | null }[]>`
      SELECT f, b::text AS b
      FROM unnest(${numberArray(numbers)}::float8[], ${numberArray([7, 2 ** 53 - 1, null])}::bigint[])
        WITH ORDINALITY AS u(f, b, n) ORDER BY n`;
    expect(rows.map((r) => r.f)).toEqual(numbers);
    expect(rows.slice(0, 3).map((r) => r.b)).toEqual(['7', String(2 ** 53 - 1), null]);
  });

  it('keeps booleans', async () => {
    const rows = await database.prisma.$queryRaw<{ v: boolean }[]>`
      SELECT v FROM unnest(${booleanArray([true, false, true])}::boolean[]) WITH ORDINALITY AS u(v, n) ORDER BY n`;
    expect(rows.map((r) => r.v)).toEqual([true, false, true]);
  });

  it('refuses a number PostgreSQL would take differently or a bigint cannot hold', () => {
    expect(() => numberArray([1, Number.NaN])).toThrow(/NaN is not a finite number/);
    expect(() => numberArray([Number.POSITIVE_INFINITY])).toThrow(/not a finite number/);
  });
});
