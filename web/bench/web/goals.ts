// The goals, each checked against its figure: the goals line says which are met and which
// missed, with the figure, so a run answers "are we there" without reading the tables.

export type Goal = {
  /** The figure's name in the JSON line. */
  name: string;
  /** null when this run did not measure it (e.g. --skip-browser). */
  figure: number | null;
  op: '<' | '≤' | '≥';
  limit: number;
};

export type Verdict = 'met' | 'missed' | 'not measured';

export function verdict(goal: Goal): Verdict {
  const { figure, op, limit } = goal;
  if (figure === null || Number.isNaN(figure)) return 'not measured';
  const met = op === '<' ? figure < limit : op === '≤' ? figure <= limit : figure >= limit;
  return met ? 'met' : 'missed';
}

/** A figure as it is printed: a ratio or a CLS with three decimals, milliseconds and KB with one. */
export function tidy(figure: number): number {
  return Number(figure.toFixed(Math.abs(figure) < 10 ? 3 : 1));
}

export function goalsLine(goals: readonly Goal[]): string {
  const parts = goals.map((goal) => {
    const found = verdict(goal);
    const figure = goal.figure === null ? '' : ` ${tidy(goal.figure)}`;
    return `${found === 'missed' ? 'MISSED' : found} ${goal.name}${figure} (goal ${goal.op} ${goal.limit})`;
  });
  const { met, missed, notMeasured } = goalsByVerdict(goals);
  const unmeasured = notMeasured.length > 0 ? `, ${notMeasured.length} not measured` : '';
  return `Goals: ${met.length} met, ${missed.length} missed${unmeasured}: ${parts.join('; ')}`;
}

/** For the JSON line: the goals' names by verdict. */
export function goalsByVerdict(goals: readonly Goal[]): Record<'met' | 'missed' | 'notMeasured', string[]> {
  const named = (wanted: Verdict) => goals.filter((g) => verdict(g) === wanted).map((g) => g.name);
  return { met: named('met'), missed: named('missed'), notMeasured: named('not measured') };
}
