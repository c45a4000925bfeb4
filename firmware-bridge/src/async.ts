// Small helpers every Seedline program shares (the bridge, ingest, the local stack, provisioning).
// Web imports them as `@seedline/firmware-bridge/async`.

/** What an error says, for a log line: its message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `promise`, or a rejection after `ms` (the promise itself goes on: this only stops waiting). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
