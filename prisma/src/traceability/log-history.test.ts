import { describe, expect, it } from 'vitest';
import { effectiveLogs, withHistory } from './log-history.ts';

const logs = [
  { id: 'sowing', correctsId: null, note: 'sown' },
  { id: 'dose', correctsId: null, note: '10 ml' },
  { id: 'dose-fix', correctsId: 'dose', note: '8 ml' },
  { id: 'dose-fix-2', correctsId: 'dose-fix', note: '9 ml' },
  { id: 'observation', correctsId: null, note: 'flowering' },
];

describe('farm log history', () => {
  it('keeps every entry and marks each corrected one with the entry that corrects it', () => {
    const history = withHistory(logs);
    expect(history.map((l) => [l.id, l.correctedById])).toEqual([
      ['sowing', null],
      ['dose', 'dose-fix'],
      ['dose-fix', 'dose-fix-2'],
      ['dose-fix-2', null],
      ['observation', null],
    ]);
    expect(history.map((l) => l.note)).toEqual(logs.map((l) => l.note));
  });

  it('counts only the newest entry of a correction chain', () => {
    expect(effectiveLogs(logs).map((l) => l.id)).toEqual(['sowing', 'dose-fix-2', 'observation']);
  });

  it('keeps order and entries when nothing was corrected', () => {
    const plain = logs.filter((l) => l.correctsId === null && l.id !== 'dose');
    expect(effectiveLogs(plain)).toEqual(plain);
    expect(withHistory(plain).every((l) => l.correctedById === null)).toBe(true);
  });

  it('does not change the entries it is given', () => {
    const copy = structuredClone(logs);
    withHistory(logs);
    effectiveLogs(logs);
    expect(logs).toEqual(copy);
  });
});
