import { readFileSync, readdirSync } from 'node:fs';

// CPU time of other processes, from Linux's /proc (null elsewhere): the server under test, and
// the PostgreSQL backends serving the bench's database, which share the machine's cores with it.

/** utime + stime of a process in ms (/proc counts in ticks of 1/100 s). */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The process's parent id, from /proc (null when it is gone). */
function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * CPU of a process and every process under it: the web server's primary and its HTTP workers
 * (`WEB_CONCURRENCY`). A worker that exits between two readings takes its time with it; the
 * server's workers live as long as it does.
 */
export function processTreeCpuMs(root: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const parents = new Map(pids.map((pid) => [pid, parentPid(pid)]));
  const inTree = (pid: number): boolean => {
    for (let at: number | null | undefined = pid; at; at = parents.get(at)) if (at === root) return true;
    return false;
  };
  const own = processCpuMs(root);
  if (own === null) return null;
  return pids.filter((pid) => pid !== root && inTree(pid)).reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), own);
}

/**
 * CPU of the PostgreSQL backends connected to `database` now, found by the title PostgreSQL gives
 * them ("postgres: 15/main: user database host(port) state"). A backend that exits between two readings
 * takes its time with it: the server's pool keeps its connections while loaded, so little is lost.
 */
export function databaseBackendsCpuMs(database: string): Map<number, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const backends = new Map<number, number>();
  for (const pid of pids) {
    let title: string;
    try {
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (!title.startsWith('postgres: ') || !title.replaceAll('\0', ' ').includes(` ${database} `)) continue;
    const ms = processCpuMs(Number(pid));
    if (ms !== null) backends.set(Number(pid), ms);
  }
  return backends;
}

/** CPU the backends used between two readings; a backend new since the first counts from zero. */
export function backendsCpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

export type CpuUsed = {
  elapsedMs: number;
  /** CPU ms of the server process, of the database's backends, of this (the load tool's) process. */
  serverMs: number | null;
  databaseMs: number | null;
  toolMs: number;
};

/** Starts counting the CPU a measured stretch costs; call the result at its end. */
export function cpuMeter(serverCpuMs: () => number | null, database: string): () => CpuUsed {
  const server = serverCpuMs();
  const backends = databaseBackendsCpuMs(database);
  const tool = process.cpuUsage();
  const startedAt = performance.now();
  return () => {
    const elapsedMs = performance.now() - startedAt;
    const toolUsed = process.cpuUsage(tool);
    const serverNow = serverCpuMs();
    const backendsNow = databaseBackendsCpuMs(database);
    return {
      elapsedMs,
      serverMs: server === null || serverNow === null ? null : serverNow - server,
      databaseMs: backends === null || backendsNow === null ? null : backendsCpuDelta(backends, backendsNow),
      toolMs: (toolUsed.user + toolUsed.system) / 1000,
    };
  };
}
