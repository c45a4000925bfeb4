import { fork } from 'node:child_process';
import { once } from 'node:events';

// A helper process of the bench (the broker, the fleet), spoken to over IPC one question at a time.
// fork() passes on this process's execArgv, so the child loads TypeScript through tsx as we do. The
// child exits by itself when the channel closes (this process gone, however it died).

export type HelperReply = { type: string };

export type Helper<Reply extends HelperReply> = {
  /** Sends `message` (if any) and resolves with the child's next message; rejects if the child
   * reports an error ({ type: 'error', message }) or is gone. */
  ask(message?: object): Promise<Reply>;
  /** Asks the child to close, SIGKILL after `graceMs`; resolves once it has exited. */
  close(graceMs?: number): Promise<void>;
};

export function forkHelper<Reply extends HelperReply>(name: string, entry: string, args: string[]): Helper<Reply> {
  // 'advanced': structured clone, so typed arrays (the fleet's send times) cross as they are.
  const child = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  let exited = false;
  let waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  const settle = (outcome: (w: NonNullable<typeof waiting>) => void) => {
    const current = waiting;
    waiting = undefined;
    if (current) outcome(current);
  };
  child.on('message', (reply: Reply | { type: 'error'; message: string }) =>
    settle((w) =>
      reply.type === 'error' && 'message' in reply
        ? w.reject(new Error(`the ${name} process: ${reply.message}`))
        : w.resolve(reply as Reply),
    ),
  );
  // Not spawned, or a send that failed: without a listener the 'error' would end this process.
  child.on('error', (error) => settle((w) => w.reject(new Error(`the ${name} process: ${error.message}`))));
  child.once('exit', (code, signal) => {
    exited = true;
    settle((w) => w.reject(new Error(`the ${name} process exited (${signal ?? `code ${String(code)}`})`)));
  });
  return {
    ask(message) {
      return new Promise<Reply>((resolve, reject) => {
        if (exited || !child.connected) return reject(new Error(`the ${name} process has exited`));
        if (waiting) return reject(new Error(`the ${name} process is still answering another question`));
        waiting = { resolve, reject };
        if (message) child.send(message);
      });
    },
    async close(graceMs = 5_000) {
      if (exited) return;
      const gone = once(child, 'exit');
      if (child.connected) child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** In the child: the process's CPU time so far (user + system), ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The child's side: `send` a message to the bench, or `fail` with an error (the bench's run fails
 * with it), then leave once it is out. The child also leaves when the channel closes.
 */
export function helperChannel() {
  const channel = process.send?.bind(process);
  if (!channel) throw new Error('a bench helper process is forked by the bench (it needs an IPC channel)');
  process.on('disconnect', () => process.exit(0));
  return {
    send: (message: object) => void channel(message),
    fail: (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      channel({ type: 'error', message }, undefined, undefined, () => process.exit(1));
    },
  };
}
