import type { BrowserContext, CDPSession } from 'playwright-core';
import type { Transfer } from './transfer.ts';
import { type PageVitals, pageVitalsSchema, readPageVitals } from './vitals.ts';

// A buyer on a rural phone, as Lighthouse's mobile profile describes one: its device (a moto g
// power: 412×823 CSS px at 1.75 device pixels each, touch), its network (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up) and a CPU four times slower than this machine's. Throttled
// through the DevTools protocol per request ("devtools" throttling), not simulated afterwards.
// Lighthouse itself, throttling that way, stretches the latency to 562.5 ms to make up for
// request-level throttling missing TCP's and TLS's own round trips: these figures are kinder.

export const MOBILE_DEVICE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36',
};

export const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };

export const CPU_SLOWDOWN = 4;

export type PageView = { finalUrl: string; vitals: PageVitals; transfers: Transfer[] };

/**
 * Opens `url` in a new tab of `context` (throttled unless told not to), waits for the load and a
 * quiet network (500 ms without requests), then reads what the page recorded.
 */
export async function viewPage(context: BrowserContext, url: string, throttled = true): Promise<PageView> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    const transfers = recordTransfers(cdp);
    await cdp.send('Network.enable');
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }
    const response = await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
    if (!response?.ok()) throw new Error(`GET ${url}: ${response?.status() ?? 'no answer'}`);
    const vitals = pageVitalsSchema.parse(await page.evaluate(readPageVitals));
    return { finalUrl: page.url(), vitals, transfers };
  } finally {
    await page.close();
  }
}

/** Every request of the tab as it finishes, redirects included (their answers carry bytes too). */
function recordTransfers(cdp: CDPSession): Transfer[] {
  const transfers: Transfer[] = [];
  const types = new Map<string, string>();
  const cached = new Set<string>();
  cdp.on('Network.requestWillBeSent', (event) => {
    const type = event.type ?? 'Other';
    if (event.redirectResponse) {
      transfers.push({ type, bytes: event.redirectResponse.encodedDataLength, fromCache: false });
    }
    types.set(event.requestId, type);
  });
  cdp.on('Network.requestServedFromCache', (event) => cached.add(event.requestId));
  cdp.on('Network.responseReceived', (event) => {
    types.set(event.requestId, event.type);
    if (event.response.fromDiskCache) cached.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId) ?? 'Other';
    transfers.push({ type, bytes: event.encodedDataLength, fromCache: cached.has(event.requestId) });
  });
  cdp.on('Network.loadingFailed', (event) => {
    // A request the page gave up (an aborted prefetch): counted, with the bytes it did not get.
    transfers.push({ type: event.type, bytes: 0, fromCache: false });
  });
  return transfers;
}
