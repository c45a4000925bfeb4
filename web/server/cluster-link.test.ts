import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { answerWorker, workerLink } from './cluster-link.ts';

/** A worker and its primary wired in one process, as the cluster's IPC would (structured clone). */
function wired(singles: Parameters<typeof answerWorker>[2]) {
  const toWorker = new EventEmitter();
  const worker = { send: (message: unknown) => toWorker.emit('message', structuredClone(message)) };
  const link = workerLink(
    (message) => answerWorker(worker, structuredClone(message), singles),
    (listener) => toWorker.on('message', listener),
  );
  return link;
}

describe("a worker's link to the primary", () => {
  it("kicks the primary's outbox", () => {
    const kick = vi.fn();
    wired({ outbox: { kick, stop: async () => undefined } }).outbox.kick();
    expect(kick).toHaveBeenCalledOnce();
  });

  it("publishes a farm control through the primary's ingest, and hears how it went", async () => {
    const publishDesired = vi.fn((thing: string) =>
      thing === 'down' ? Promise.reject(new Error('broker unreachable')) : Promise.resolve(),
    );
    const link = wired({ publishDesired });
    await expect(link.publishDesired('seedline-xh-nm1', { zones: { z1: { run: 5 } } })).resolves.toBeUndefined();
    expect(publishDesired).toHaveBeenCalledWith('seedline-xh-nm1', { zones: { z1: { run: 5 } } });
    await expect(link.publishDesired('down', {})).rejects.toThrow('broker unreachable');
  });

  it('is refused when the primary has no ingest', async () => {
    await expect(wired({}).publishDesired('seedline-xh-nm1', {})).rejects.toThrow('no link to the broker');
  });

  it('ignores a message that is not one of its own', () => {
    const kick = vi.fn();
    answerWorker({ send: () => true }, { kind: 'format-disk' }, { outbox: { kick, stop: async () => undefined } });
    answerWorker({ send: () => true }, 'kick-email', { outbox: { kick, stop: async () => undefined } });
    expect(kick).not.toHaveBeenCalled();
  });
});
