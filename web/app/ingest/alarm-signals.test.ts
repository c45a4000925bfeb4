import { describe, expect, it } from 'vitest';
import { alarmSpells } from './alarm-signals.server.ts';

const raise = (at: number, sequence: number, message = `raised at ${at}`) => ({ at, sequence, raised: true, message });
const clear = (at: number, sequence: number) => ({ at, sequence, raised: false, message: null });

describe('alarm spells from their signals', () => {
  const signals = [raise(10, 1, 'first'), raise(15, 2), clear(20, 3), clear(25, 4), raise(30, 5, 'second')];

  it('open at a raise, ignore a raise while open (a restarted bridge), close at the next clear', () => {
    expect(alarmSpells(signals)).toEqual([
      { from: 10, to: 20, message: 'first' },
      { from: 30, to: null, message: 'second' },
    ]);
  });

  it('are the same whatever order the signals arrive in', () => {
    const expected = alarmSpells(signals);
    for (const order of [
      [4, 3, 2, 1, 0],
      [2, 0, 4, 1, 3],
      [3, 4, 0, 2, 1],
    ]) {
      expect(alarmSpells(order.map((i) => signals[i]!))).toEqual(expected);
    }
  });

  it('make nothing of a clear with nothing open', () => {
    expect(alarmSpells([clear(5, 1)])).toEqual([]);
  });
});
