import { describe, expect, it } from 'vitest';
import { interleave, rushSchedule } from './mix.ts';

describe('the rush schedule, a harvest-day mix at a fixed rate', () => {
  const shop = { lotCodes: ['A-1', 'B-2', 'C-3'], listingIds: ['l1', 'l2', 'l3'] };

  it('spaces rate × seconds arrivals evenly, 1000 / rate ms apart', () => {
    const schedule = rushSchedule({ rate: 100, seconds: 30, ...shop });
    expect(schedule).toHaveLength(3000);
    expect(schedule.slice(0, 3).map((a) => a.atMs)).toEqual([0, 10, 20]);
    expect(schedule.at(-1)!.atMs).toBeCloseTo(29_990);
  });

  it('sends 40 % catalogue, 40 % batch pages and 20 % cart-adds, in every stretch of it', () => {
    const schedule = rushSchedule({ rate: 100, seconds: 30, ...shop });
    const count = (kinds: string[], kind: string) => kinds.filter((k) => k === kind).length;
    const kinds = schedule.map((a) => a.kind);
    expect([count(kinds, 'catalogue'), count(kinds, 'batch'), count(kinds, 'cart-add')]).toEqual([1200, 1200, 600]);
    const firstTen = kinds.slice(0, 10);
    expect([count(firstTen, 'catalogue'), count(firstTen, 'batch'), count(firstTen, 'cart-add')]).toEqual([4, 4, 2]);
  });

  it('opens every batch on sale in turn', () => {
    const batches = rushSchedule({ rate: 10, seconds: 3, ...shop }).filter((a) => a.kind === 'batch');
    expect(batches.slice(0, 4).map((a) => a.path)).toEqual([
      '/batches/A-1',
      '/batches/B-2',
      '/batches/C-3',
      '/batches/A-1',
    ]);
  });

  it('makes each shopper add each listing once, in order, the first add making the cart', () => {
    const adds = rushSchedule({ rate: 10, seconds: 5, ...shop }).filter((a) => a.kind === 'cart-add');
    expect(adds.slice(0, 4).map((a) => [a.shopper, a.step, a.listingId, a.path])).toEqual([
      [0, 0, 'l1', '/cart'],
      [0, 1, 'l2', '/cart'],
      [0, 2, 'l3', '/cart'],
      [1, 0, 'l1', '/cart'],
    ]);
  });

  it('gives a tie to the kind listed first and leaves out a kind without a share', () => {
    expect(interleave({ catalogue: 0.5, batch: 0.5, 'cart-add': 0 }, 4)).toEqual([
      'catalogue',
      'batch',
      'catalogue',
      'batch',
    ]);
  });
});
