// Shared by the tests that run the emulated Uno on real timers (a bridge in its own process).

/**
 * Checks `done` at every 5 ms step of the chip until it holds; fails past `limitMs` of real time.
 * The bench's pins are read, not heard: the chip has no events for them across its resets.
 */
export function until(done: () => boolean, limitMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (done()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > limitMs) {
        clearInterval(timer);
        reject(new Error(`${what}: not within ${limitMs} ms`));
      }
    }, 5);
  });
}
