import { describe, expect, it } from 'vitest';
import type { BuyerFigures, ViewFigures } from './buyer.ts';
import { verdict } from './goals.ts';
import type { TargetResult } from './load.ts';
import { benchGoals, headline, jsonLine } from './summary.ts';
import { summarizeTransfers } from './transfer.ts';

const target = (name: TargetResult['name'], requestsPerSec: number): TargetResult => ({
  name,
  label: name,
  requestsPerSec,
  p50Ms: 10,
  p99Ms: 20,
  ok: 100,
  failed: 0,
  statuses: { 200: 100 },
  serverCores: 1,
  databaseCores: 0.2,
  toolCores: 0.1,
});
const results = [target('bare', 500), target('catalogue', 150), target('batch', 100), target('cart-add', 400)];

const view = (lcpMs: number, cls: number, kb: number): ViewFigures => ({
  lcpMs,
  lcpElement: 'img.photo',
  cls,
  fcpMs: lcpMs,
  ttfbMs: 200,
  redirectMs: 0,
  loadMs: 2000,
  transfer: summarizeTransfers([{ type: 'Script', bytes: kb * 1024, fromCache: false }]),
});
const page = (name: BuyerFigures['name'], cold: ViewFigures): BuyerFigures => ({
  name,
  path: '/',
  landsOn: '/',
  cold,
  warm: view(500, 0, 10),
});

describe("the bench's headline figures and goals", () => {
  it('holds the worse page to the LCP and CLS goals and each page to its own byte budget', () => {
    const buyer = [page('catalogue', view(1100, 0.02, 180)), page('batch', view(1500, 0.12, 140))];
    const figures = { results, batchJsKb: 96, rush: null, buyer };
    expect(headline(figures)).toMatchObject({
      catalogRatio: 0.3,
      batchRatio: 0.2,
      lcpMs: 1500,
      catalogLcpMs: 1100,
      cls: 0.12,
      batchTransferKb: 140,
      catalogTransferKb: 180,
      p99Ms: null,
    });
    const verdicts = Object.fromEntries(benchGoals(figures).map((g) => [g.name, verdict(g)]));
    expect(verdicts).toMatchObject({
      catalogLcpMs: 'met',
      batchLcpMs: 'missed',
      cls: 'missed',
      batchTransferKb: 'met',
      catalogTransferKb: 'met',
      batchJsKb: 'met',
      p99Ms: 'not measured',
    });
  });

  it('prints null for the parts a run left out, in one JSON line', () => {
    const line = jsonLine({ results, batchJsKb: 96, rush: null, buyer: null }, { connections: 50, durationS: 10 });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toMatchObject({ lcpMs: null, cls: null, p99Ms: null, browser: null, catalogRatio: 0.3 });
  });
});
