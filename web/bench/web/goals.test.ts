import { describe, expect, it } from 'vitest';
import { type Goal, goalsByVerdict, goalsLine, verdict } from './goals.ts';

describe('goals', () => {
  const goals: Goal[] = [
    { name: 'catalogRatio', figure: 0.274, op: '≥', limit: 0.6 },
    { name: 'p99Ms', figure: 100, op: '<', limit: 100 },
    { name: 'cls', figure: 0.1, op: '≤', limit: 0.1 },
    { name: 'batchLcpMs', figure: null, op: '≤', limit: 1200 },
  ];

  it('holds each figure to its limit, a strict goal missed at the limit itself', () => {
    expect(goals.map(verdict)).toEqual(['missed', 'missed', 'met', 'not measured']);
  });

  it('names the goals met and missed with their figures in one line', () => {
    expect(goalsLine(goals)).toBe(
      'Goals: 1 met, 2 missed, 1 not measured: MISSED catalogRatio 0.274 (goal ≥ 0.6); MISSED p99Ms 100 (goal < 100); ' +
        'met cls 0.1 (goal ≤ 0.1); not measured batchLcpMs (goal ≤ 1200)',
    );
    expect(goalsByVerdict(goals)).toEqual({
      met: ['cls'],
      missed: ['catalogRatio', 'p99Ms'],
      notMeasured: ['batchLcpMs'],
    });
  });
});
