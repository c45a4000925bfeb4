import { z } from 'zod';

// What the buyer waited for, as the page itself recorded it: Largest Contentful Paint, the layout
// shifts, the navigation's timings. Read once the page has loaded and the network is quiet.

/**
 * Runs in the page (Playwright sends its source: it may use nothing from outside itself, nor
 * name an inner function, which tsx's esbuild would wrap in a `__name` helper the page lacks).
 * A buffered observer gets the entries recorded so far at once (Performance Timeline: observe()
 * copies the buffer into the observer's), so nothing needs to be installed before the page loads.
 */
export function readPageVitals() {
  const recorded: Record<string, PerformanceEntryList> = {};
  for (const type of ['largest-contentful-paint', 'layout-shift']) {
    const observer = new PerformanceObserver(() => {});
    observer.observe({ type, buffered: true });
    recorded[type] = observer.takeRecords();
    observer.disconnect();
  }
  const lcp = (recorded['largest-contentful-paint'] ?? []).map((e) => {
    const element = e instanceof LargestContentfulPaint ? e.element : null;
    const url = e instanceof LargestContentfulPaint ? e.url : '';
    const className = element ? String(element.className).split(' ')[0] : '';
    const tag = element ? `${element.tagName.toLowerCase()}${className ? `.${className}` : ''}` : '?';
    return { startTime: e.startTime, element: url ? `${tag} ${url}` : tag };
  });
  const shifts = (recorded['layout-shift'] ?? []).map((e) => ({
    startTime: e.startTime,
    value: 'value' in e && typeof e.value === 'number' ? e.value : 0,
    hadRecentInput: 'hadRecentInput' in e && e.hadRecentInput === true,
  }));
  const navigation = performance.getEntriesByType('navigation')[0];
  const timing = navigation instanceof PerformanceNavigationTiming ? navigation : undefined;
  return {
    lcp,
    shifts,
    fcpMs: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    redirectMs: timing ? timing.redirectEnd - timing.redirectStart : null,
    ttfbMs: timing?.responseStart ?? null,
    domContentLoadedMs: timing?.domContentLoadedEventEnd ?? null,
    loadMs: timing?.loadEventEnd ?? null,
  };
}

const msOrNull = z.number().nonnegative().nullable();

/** What came back from the page, checked: it crossed a process boundary as JSON. */
export const pageVitalsSchema = z.object({
  lcp: z.array(z.object({ startTime: z.number(), element: z.string() })),
  shifts: z.array(z.object({ startTime: z.number(), value: z.number().nonnegative(), hadRecentInput: z.boolean() })),
  fcpMs: msOrNull,
  redirectMs: msOrNull,
  ttfbMs: msOrNull,
  domContentLoadedMs: msOrNull,
  loadMs: msOrNull,
});

export type PageVitals = z.infer<typeof pageVitalsSchema>;

/** The last candidate is the largest paint; null when the page painted nothing it counts. */
export function largestContentfulPaint(lcp: PageVitals['lcp']): { ms: number; element: string } | null {
  const last = lcp.at(-1);
  return last ? { ms: last.startTime, element: last.element } : null;
}

/**
 * CLS as web.dev defines it: shifts without recent input grouped in session windows (a gap under
 * 1 s to the previous shift, at most 5 s from the window's first), the largest window's sum.
 */
export function cumulativeLayoutShift(shifts: PageVitals['shifts']): number {
  let largest = 0;
  let sum = 0;
  let first = -Infinity;
  let previous = -Infinity;
  for (const shift of [...shifts].sort((a, b) => a.startTime - b.startTime)) {
    if (shift.hadRecentInput) continue;
    if (shift.startTime - previous >= 1000 || shift.startTime - first >= 5000) {
      sum = 0;
      first = shift.startTime;
    }
    sum += shift.value;
    previous = shift.startTime;
    largest = Math.max(largest, sum);
  }
  return largest;
}
