import type { WateringWindow } from './types.ts';

/**
 * "HH:MM" (24 h, two digits each) → minute of the day, or null when malformed. Hand-parsed with
 * char codes: the controller checks windows every step, and this allocates nothing.
 */
export function parseHhMm(text: string): number | null {
  if (text.length !== 5 || text.charCodeAt(2) !== 58 /* ':' */) return null;
  const h1 = digit(text, 0);
  const h2 = digit(text, 1);
  const m1 = digit(text, 3);
  const m2 = digit(text, 4);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0) return null;
  const hours = h1 * 10 + h2;
  const minutes = m1 * 10 + m2;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Is this local minute inside the window? `from` is inclusive, `to` exclusive. A window whose
 * `to` is earlier than its `from` crosses midnight ("21:00"–"05:00"). `from` equal to `to` is the
 * whole day (read as "from six round to six"). A malformed window never matches: settings
 * validation refuses it before it gets here, and a bad one must not water around the clock.
 */
export function inWindow(window: WateringWindow, minuteOfDay: number): boolean {
  const from = parseHhMm(window.from);
  const to = parseHhMm(window.to);
  if (from === null || to === null) return false;
  if (from === to) return true;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

/** Automatic watering is allowed now: inside any window, or any time when there are none. */
export function inAnyWindow(windows: readonly WateringWindow[], minuteOfDay: number): boolean {
  if (windows.length === 0) return true;
  for (const w of windows) if (inWindow(w, minuteOfDay)) return true;
  return false;
}
