import { describe, expect, it } from 'vitest';
import { openAlarmLines } from './open-alarms.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 6, minute));

describe('openAlarmLines', () => {
  it('puts the whole greenhouse first, then zones oldest first, and drops a kind the bridge never sends', () => {
    const lines = openAlarmLines([
      { id: 'a', kind: 'no-flow', raisedAt: at(5), zone: { name: 'Dưa lưới 1' } },
      { id: 'b', kind: 'sensor-stale', raisedAt: at(1), zone: { name: 'Dưa lưới 2' } },
      { id: 'c', kind: 'leak', raisedAt: at(9), zone: null },
      { id: 'd', kind: 'not-a-kind', raisedAt: at(0), zone: null },
    ]);
    expect(lines).toEqual([
      { id: 'c', kind: 'leak', zone: null, since: at(9) },
      { id: 'b', kind: 'sensor-stale', zone: 'Dưa lưới 2', since: at(1) },
      { id: 'a', kind: 'no-flow', zone: 'Dưa lưới 1', since: at(5) },
    ]);
  });
});
