// A bridge run as a child process, as its tests read it: its JSON lines on stdout as they come,
// its stderr, and its exit. Shared by the process tests here and the gateway install test.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';

// Every line names its type; the rest (zone, rule, level…) is compared as it comes.
const lineSchema = z.looseObject({ type: z.string() });
export type BridgeLine = z.infer<typeof lineSchema>;
export type BridgeExit = { code: number | null; signal: NodeJS.Signals | null };

export type BridgeOutput = {
  /**
   * The first line (seen before or after the call) that `matches`; rejects after `limitMs`, or as
   * soon as the bridge has ended without one, with its stderr in the message.
   */
  line(matches: (line: BridgeLine) => boolean, limitMs: number): Promise<BridgeLine>;
  /** Resolves when the process has exited and its output is read. */
  exit: Promise<BridgeExit>;
  stderr(): string;
};

export function bridgeOutput(child: ChildProcess): BridgeOutput {
  const lines: BridgeLine[] = [];
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  let stderr = '';
  let ended = false;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    lines.push(lineSchema.parse(JSON.parse(text)));
    notify();
  });
  const exit = new Promise<BridgeExit>((resolve) =>
    child.once('close', (code, signal) => {
      ended = true;
      notify();
      resolve({ code, signal });
    }),
  );
  const line = (matches: (line: BridgeLine) => boolean, limitMs: number) =>
    new Promise<BridgeLine>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      const fail = (why: string) =>
        finish(() => reject(new Error(`${why} without such a line from the bridge; its stderr:\n${stderr}`)));
      const check = () => {
        const found = lines.find(matches);
        if (found) finish(() => resolve(found));
        else if (ended) fail('the bridge ended');
      };
      const timer = setTimeout(() => fail(`${limitMs} ms passed`), limitMs);
      listeners.add(check);
      check();
    });
  return { line, exit, stderr: () => stderr };
}
