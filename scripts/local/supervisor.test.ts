import { describe, expect, it, vi } from 'vitest';
import { supervise } from './supervisor.ts';

const node = (name: string, code: string) => ({
  name,
  command: process.execPath,
  args: ['-e', code],
  cwd: process.cwd(),
});

describe("start:cluster's supervisor", () => {
  it('starts a child that died unasked again, and gives up on one that keeps dying', async () => {
    const gaveUp = vi.fn();
    const children = supervise(gaveUp);
    let runs = 0;
    const count = (): void => void children.line('crasher', 'up').then(() => (runs++, count()));
    count();
    // Each run says so, then dies: started again twice, the third death within a minute is the last.
    children.start(node('crasher', 'console.log("up"); process.exit(3)'));
    await vi.waitUntil(() => gaveUp.mock.calls.length === 1 && runs === 3, { timeout: 15_000, interval: 50 });
    expect(gaveUp).toHaveBeenCalledWith('crasher keeps exiting');
    children.stopping();
  }, 20_000);

  it('does not start again a child it was asked to stop', async () => {
    const gaveUp = vi.fn();
    const children = supervise(gaveUp);
    children.start(node('sleeper', 'console.log("up"); setInterval(() => {}, 1000)'));
    await children.line('sleeper', 'up');
    await children.stop(['sleeper'], 5_000);
    const again = vi.fn();
    void children.line('sleeper', 'up').then(again);
    // Nothing to await when nothing happens: longer than the supervisor's 1 s before a restart.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(again).not.toHaveBeenCalled();
    expect(gaveUp).not.toHaveBeenCalled();
  });
});
