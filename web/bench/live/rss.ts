import { readFileSync } from 'node:fs';

// The server process's resident memory, from Linux's /proc (null elsewhere), sampled each second
// for its peak: 1,000 open streams cost the web process their sockets, buffers and listeners.

/** VmRSS of a process in MB (1 MB = 1024 KB), or null. */
export function residentMb(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Samples `pid`'s RSS every second until stopped; `peak()` is the largest sample so far. */
export function sampleResident(pid: number): { peak(): number | null; stop(): void } {
  let peak: number | null = null;
  const sample = () => {
    const mb = residentMb(pid);
    if (mb !== null) peak = Math.max(peak ?? 0, mb);
  };
  sample();
  const timer = setInterval(sample, 1_000);
  return { peak: () => (sample(), peak), stop: () => clearInterval(timer) };
}
