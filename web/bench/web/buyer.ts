import { launchBrowser } from '../../../test/support/browser.ts';
import { MOBILE_DEVICE, type PageView, viewPage } from './browser.ts';
import { type TransferSummary, summarizeTransfers } from './transfer.ts';
import { cumulativeLayoutShift, largestContentfulPaint } from './vitals.ts';

// What the buyer waits for: each page opened on the throttled phone first with an empty cache (a
// new browser context), then again in the same context (a repeat visit, the cache warm).

export type BuyerPage = {
  name: 'catalogue' | 'batch';
  /** What the buyer opens: the catalogue's address, or the Digital Link on a pack. */
  path: string;
  /** Where the page must end up, after any redirect. */
  landsOn: string;
};

export type ViewFigures = {
  lcpMs: number | null;
  lcpElement: string;
  cls: number;
  fcpMs: number | null;
  /** The document's first byte, from the start of the navigation (the redirect included). */
  ttfbMs: number | null;
  redirectMs: number | null;
  loadMs: number | null;
  transfer: TransferSummary;
};

export type BuyerFigures = BuyerPage & { cold: ViewFigures; warm: ViewFigures };

export async function measureBuyer(baseUrl: string, pages: readonly BuyerPage[]): Promise<BuyerFigures[]> {
  const browser = await launchBrowser();
  try {
    // The shop draws a photo's sizes and formats the first time anyone asks for them: a deployed
    // shop has long done that, so one unthrottled visit first, not measured.
    const priming = await browser.newContext(MOBILE_DEVICE);
    for (const page of pages) await viewPage(priming, new URL(page.path, baseUrl).href, false);
    await priming.close();

    const figures: BuyerFigures[] = [];
    for (const page of pages) {
      const context = await browser.newContext(MOBILE_DEVICE);
      try {
        const url = new URL(page.path, baseUrl).href;
        const cold = await viewPage(context, url);
        const landed = new URL(cold.finalUrl).pathname;
        if (landed !== page.landsOn) throw new Error(`${page.path} ended on ${landed}, not ${page.landsOn}`);
        const warm = await viewPage(context, url);
        figures.push({ ...page, cold: viewFigures(cold), warm: viewFigures(warm) });
      } finally {
        await context.close();
      }
    }
    return figures;
  } finally {
    await browser.close();
  }
}

export function viewFigures(view: PageView): ViewFigures {
  const lcp = largestContentfulPaint(view.vitals.lcp);
  return {
    lcpMs: lcp?.ms ?? null,
    lcpElement: lcp?.element ?? 'none',
    cls: cumulativeLayoutShift(view.vitals.shifts),
    fcpMs: view.vitals.fcpMs,
    ttfbMs: view.vitals.ttfbMs,
    redirectMs: view.vitals.redirectMs,
    loadMs: view.vitals.loadMs,
    transfer: summarizeTransfers(view.transfers),
  };
}
