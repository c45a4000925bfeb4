import { CPU_SLOWDOWN, MOBILE_DEVICE, SLOW_4G } from './browser.ts';
import type { BuyerFigures, ViewFigures } from './buyer.ts';
import { BUCKETS } from './transfer.ts';

// The phone's view, reported: each page cold and warm, with the parts of each figure (server's
// first byte, the redirect, bytes by type, requests) to aim the next change at.

const kb = (bytes: number) => bytes / 1024;
const ms = (value: number | null) => (value === null ? '—' : value.toFixed(0));

const ROWS: [string, (v: ViewFigures) => string][] = [
  ['LCP ms', (v) => ms(v.lcpMs)],
  ['CLS (largest session window)', (v) => v.cls.toFixed(3)],
  ['first contentful paint ms', (v) => ms(v.fcpMs)],
  ['document first byte ms', (v) => ms(v.ttfbMs)],
  ['of which redirect ms', (v) => ms(v.redirectMs)],
  ['load event ms', (v) => ms(v.loadMs)],
  ['transferred KB', (v) => kb(v.transfer.bytes).toFixed(1)],
  ['requests (from cache)', (v) => `${v.transfer.requests} (${v.transfer.fromCache})`],
  ...BUCKETS.map((bucket): [string, (v: ViewFigures) => string] => [
    `  ${bucket} KB (requests)`,
    (v) => `${kb(v.transfer.byType[bucket].bytes).toFixed(1)} (${v.transfer.byType[bucket].requests})`,
  ]),
];

export function buyerTable(pages: readonly BuyerFigures[]): string[] {
  const { width, height } = MOBILE_DEVICE.viewport;
  const views = pages.flatMap((p) => [
    { label: `${p.name} cold`, view: p.cold },
    { label: `${p.name} repeat`, view: p.warm },
  ]);
  const first = Math.max(...ROWS.map(([label]) => label.length));
  const line = (label: string, cells: string[]) => label.padEnd(first) + cells.map((c) => c.padStart(18)).join('');
  return [
    `\nThe buyer's phone: Chromium, ${width}×${height} at ${MOBILE_DEVICE.deviceScaleFactor}x, ` +
      `${SLOW_4G.latency} ms round trip, ${(SLOW_4G.downloadThroughput * 8) / 1e6} Mbit/s down, ` +
      `${(SLOW_4G.uploadThroughput * 8) / 1e3} kbit/s up, CPU ${CPU_SLOWDOWN}× slower; cold = new context, ` +
      `repeat = same context. ${pages.map((p) => `${p.name}: ${p.path}`).join(', ')}`,
    line(
      '',
      views.map((v) => v.label),
    ),
    ...ROWS.map(([label, cell]) =>
      line(
        label,
        views.map((v) => cell(v.view)),
      ),
    ),
    ...pages.map((p) => `LCP element, ${p.name}: ${p.cold.lcpElement}`),
  ];
}

const round = (value: number | null, digits: number) => (value === null ? null : Number(value.toFixed(digits)));

export function buyerJson(pages: readonly BuyerFigures[]) {
  const view = (v: ViewFigures) => ({
    lcpMs: round(v.lcpMs, 0),
    cls: round(v.cls, 3),
    ttfbMs: round(v.ttfbMs, 0),
    redirectMs: round(v.redirectMs, 0),
    transferKb: round(kb(v.transfer.bytes), 1),
    requests: v.transfer.requests,
    kbByType: Object.fromEntries(BUCKETS.map((b) => [b, round(kb(v.transfer.byType[b].bytes), 1)])),
  });
  return Object.fromEntries(pages.map((p) => [p.name, { cold: view(p.cold), repeat: view(p.warm) }]));
}
