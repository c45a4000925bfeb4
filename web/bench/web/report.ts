import type { ShippedFile } from './javascript.ts';
import type { TargetResult } from './load.ts';
import type { TargetName } from './targets.ts';

// Throughput at saturation and the batch page's JavaScript, reported: aligned tables for people,
// the per-target part of the JSON line for machines (summary.ts puts the line together).

const kb = (bytes: number) => bytes / 1024;

export function ratioToBare(results: TargetResult[], name: TargetName): number {
  const bare = byName(results, 'bare');
  return byName(results, name).requestsPerSec / bare.requestsPerSec;
}

function byName(results: TargetResult[], name: TargetName): TargetResult {
  const found = results.find((r) => r.name === name);
  if (!found) throw new Error(`no result for ${name}`);
  return found;
}

/** The worst p99 of the shop's own pages (the bare page is the yardstick, not judged). */
export function worstP99(results: TargetResult[]): number {
  return Math.max(...results.filter((r) => r.name !== 'bare').map((r) => r.p99Ms));
}

/**
 * Server CPU per answered request: what a page costs, whatever share of the machine the server
 * got. On a shared machine the rates move with others' work; this moves much less.
 */
export function serverMsPerRequest(r: TargetResult): number | null {
  return r.serverCores === null ? null : (r.serverCores * 1000) / r.requestsPerSec;
}

export function loadTable(results: TargetResult[]): string[] {
  const columns = [
    'requests/s',
    'p50 ms',
    'p99 ms',
    'ok',
    'errors',
    'ratio to bare',
    'srv CPU ms/req',
    'CPU srv/db/tool',
  ];
  const first = Math.max(...results.map((r) => r.label.length));
  const line = (label: string, cells: string[]) => label.padEnd(first) + cells.map((c) => c.padStart(15)).join('  ');
  return [
    line('', columns),
    ...results.map((r) =>
      line(r.label, [
        r.requestsPerSec.toFixed(0),
        r.p50Ms.toFixed(1),
        r.p99Ms.toFixed(1),
        String(r.ok),
        String(r.failed),
        ratioToBare(results, r.name).toFixed(3),
        serverMsPerRequest(r)?.toFixed(1) ?? '?',
        [r.serverCores, r.databaseCores, r.toolCores].map((c) => c?.toFixed(2) ?? '?').join(' / '),
      ]),
    ),
  ];
}

export function javascriptTable(files: ShippedFile[], level: number): string[] {
  const first = Math.max(...files.map((f) => f.path.length), 'total'.length);
  const line = (label: string, cells: string[]) => label.padEnd(first) + cells.map((c) => c.padStart(14)).join('');
  const sum = (pick: (f: ShippedFile) => number) => files.reduce((total, f) => total + pick(f), 0);
  return [
    line('', ['bytes', `gzip -${level} B`, 'gzip KB']),
    ...files.map((f) => line(f.path, [String(f.bytes), String(f.gzipBytes), kb(f.gzipBytes).toFixed(1)])),
    line('total', [
      String(sum((f) => f.bytes)),
      String(sum((f) => f.gzipBytes)),
      kb(sum((f) => f.gzipBytes)).toFixed(1),
    ]),
  ];
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function perTargetJson(results: TargetResult[]) {
  return Object.fromEntries(
    results.map((r) => [
      r.name,
      {
        requestsPerSec: Math.round(r.requestsPerSec),
        p50Ms: round(r.p50Ms, 1),
        p99Ms: round(r.p99Ms, 1),
        ok: r.ok,
        errors: r.failed,
        ratio: round(ratioToBare(results, r.name), 3),
        serverCpuMsPerRequest: round(serverMsPerRequest(r) ?? NaN, 2),
        cpuCores: {
          server: r.serverCores && round(r.serverCores, 2),
          database: r.databaseCores && round(r.databaseCores, 2),
        },
      },
    ]),
  );
}
