import { buyerJson } from './buyer-report.ts';
import type { BuyerFigures } from './buyer.ts';
import { type Goal, goalsByVerdict, tidy } from './goals.ts';
import type { TargetResult } from './load.ts';
import { perTargetJson, ratioToBare, worstP99 } from './report.ts';
import { type RushFigures, rushJson } from './rush-report.ts';

// Issue 14's figures from all parts of the run, the goals they are held to, and the JSON line
// (the run's last) that carries them.

export type WebBenchFigures = {
  results: TargetResult[];
  batchJsKb: number;
  /** null when the run left the part out. */
  rush: RushFigures | null;
  buyer: BuyerFigures[] | null;
};

export const GOAL = {
  ratio: 0.6,
  p99Ms: 100,
  lcpMs: 1200,
  cls: 0.1,
  batchTransferKb: 150,
  catalogTransferKb: 200,
  batchJsKb: 100,
};

/** The headline figures; the buyer's are from the cold visit, the worse page's where both count. */
export function headline(f: WebBenchFigures) {
  const cold = (name: BuyerFigures['name']) => f.buyer?.find((p) => p.name === name)?.cold ?? null;
  const [catalogue, batch] = [cold('catalogue'), cold('batch')];
  const worst = (a: number | null | undefined, b: number | null | undefined) =>
    a == null || b == null ? null : Math.max(a, b);
  return {
    catalogRatio: ratioToBare(f.results, 'catalogue'),
    batchRatio: ratioToBare(f.results, 'batch'),
    cartRatio: ratioToBare(f.results, 'cart-add'),
    p99Ms: f.rush?.latency.all.p99Ms ?? null,
    lcpMs: worst(catalogue?.lcpMs, batch?.lcpMs),
    catalogLcpMs: catalogue?.lcpMs ?? null,
    batchLcpMs: batch?.lcpMs ?? null,
    cls: worst(catalogue?.cls, batch?.cls),
    batchTransferKb: batch ? batch.transfer.bytes / 1024 : null,
    catalogTransferKb: catalogue ? catalogue.transfer.bytes / 1024 : null,
    batchJsKb: f.batchJsKb,
  };
}

export function benchGoals(f: WebBenchFigures): Goal[] {
  const h = headline(f);
  return [
    { name: 'catalogRatio', figure: h.catalogRatio, op: '≥', limit: GOAL.ratio },
    { name: 'batchRatio', figure: h.batchRatio, op: '≥', limit: GOAL.ratio },
    { name: 'cartRatio', figure: h.cartRatio, op: '≥', limit: GOAL.ratio },
    { name: 'p99Ms', figure: h.p99Ms, op: '<', limit: GOAL.p99Ms },
    { name: 'catalogLcpMs', figure: h.catalogLcpMs, op: '≤', limit: GOAL.lcpMs },
    { name: 'batchLcpMs', figure: h.batchLcpMs, op: '≤', limit: GOAL.lcpMs },
    { name: 'cls', figure: h.cls, op: '≤', limit: GOAL.cls },
    { name: 'batchTransferKb', figure: h.batchTransferKb, op: '≤', limit: GOAL.batchTransferKb },
    { name: 'catalogTransferKb', figure: h.catalogTransferKb, op: '≤', limit: GOAL.catalogTransferKb },
    { name: 'batchJsKb', figure: h.batchJsKb, op: '≤', limit: GOAL.batchJsKb },
  ];
}

export function jsonLine(f: WebBenchFigures, run: { connections: number; durationS: number }): string {
  const rounded = Object.fromEntries(
    Object.entries(headline(f)).map(([name, value]) => [name, value === null ? null : tidy(value)]),
  );
  return JSON.stringify({
    ...rounded,
    goals: goalsByVerdict(benchGoals(f)),
    saturationP99Ms: Number(worstP99(f.results).toFixed(1)),
    rush: f.rush && rushJson(f.rush),
    browser: f.buyer && buyerJson(f.buyer),
    perTarget: perTargetJson(f.results),
    connections: run.connections,
    durationS: run.durationS,
  });
}
