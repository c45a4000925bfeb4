/**
 * Runs `work` every `everyMs` in the background of the web process (and at once with `now`),
 * never twice at the same time: a slow run makes the next tick skip. A failure is logged under
 * `what` and the next tick tries again. Returns the stop function.
 */
export function repeatInBackground(
  what: string,
  everyMs: number,
  work: () => Promise<unknown>,
  options: { now?: boolean } = {},
): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    work()
      .catch((error: unknown) => console.error(`${what} failed`, error))
      .finally(() => {
        running = false;
      });
  };
  if (options.now) tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
