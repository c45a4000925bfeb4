import { describe, expect, it } from 'vitest';
import { alarmLines, openAlarmLines } from './open-alarms.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 6, minute));

describe('openAlarmLines', () => {
  it('puts the whole greenhouse first, then zones oldest first, and drops a kind the bridge never sends', () => {
    const lines = openAlarmLines([
      { id: 'a', kind: 'no-flow', raisedAt: at(5), zone: { name: 'Dưa lưới 1' } },
      { id: 'b', kind: 'sensor-stale', raisedAt: at(1), zone: { name: 'Dưa lưới 2' } },
      { id: 'c', kind: 'leak', raisedAt: at(9), zone: null },
      { id: 'd', kind: 'not-a-kind', raisedAt: at(0), zone: null },
    ]);
    expect(lines.map(({ id, kind, zone, since }) => ({ id, kind, zone, since }))).toEqual([
      { id: 'c', kind: 'leak', zone: null, since: at(9) },
      { id: 'b', kind: 'sensor-stale', zone: 'Dưa lưới 2', since: at(1) },
      { id: 'a', kind: 'no-flow', zone: 'Dưa lưới 1', since: at(5) },
    ]);
  });

  it('asks the farmer to acknowledge only what latches, and says when it is on its way or done', () => {
    const [leak, stale, noFlow, acked, cleared] = alarmLines([
      { id: 'a', kind: 'leak', raisedAt: at(1), zone: null },
      { id: 'b', kind: 'sensor-stuck', raisedAt: at(2), zone: { name: 'Z' } },
      { id: 'c', kind: 'no-flow', raisedAt: at(3), zone: { name: 'Z' }, acknowledgements: [{ id: 'r' }] },
      { id: 'd', kind: 'leak', raisedAt: at(4), zone: null, acknowledgedAt: at(5) },
      { id: 'e', kind: 'no-flow', raisedAt: at(6), zone: { name: 'Z' }, clearedAt: at(7) },
    ]);
    expect([leak, stale, noFlow, acked, cleared].map((line) => line?.ack)).toEqual([
      'needed',
      'none',
      'pending',
      'done',
      'none',
    ]);
  });

  it('knows the web’s own bridge-offline alarm', () => {
    expect(alarmLines([{ id: 'o', kind: 'bridge-offline', raisedAt: at(0), zone: null }])).toMatchObject([
      { kind: 'bridge-offline', ack: 'none' },
    ]);
  });
});
