const base = 'http://seedline.invalid';

const hasControlOrBackslash = (value: string) =>
  [...value].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * Where to go after a form, only ever on this site: a path, resolved against the site itself, so
 * that `//evil.example`, `/\evil.example` and `/<tab>/evil.example` (browsers drop tabs and line
 * breaks from URLs, and read a backslash as a slash) all fall back. Control characters refused.
 */
export function safeRedirect(to: FormDataEntryValue | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || hasControlOrBackslash(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
