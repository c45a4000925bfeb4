/**
 * The value of a JSON text, or undefined when it is not JSON at all (a torn file, a garbled
 * message): the caller's schema then refuses it like any other damage.
 */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
