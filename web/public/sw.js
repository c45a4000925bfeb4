// Seedline's service worker (registered by the farm pages and by a batch's page): shows the alarm
// notices the server pushes (Web Push; notify/push.server.ts sends { title, body, url, tag }) and
// opens their page when tapped; keeps the farm pages it fetched, so they are readable (and their
// forms usable) without a network; and keeps the batch pages a buyer opened, so a pack's story
// opens again with no signal, saying from when. Plain JavaScript, served as it is.

const CACHE = 'seedline-farm-v2';
const BATCHES = 'seedline-batches-v1';
const OVERVIEW = '/farm';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE && name !== BATCHES) await caches.delete(name);
      await self.clients.claim();
      await keepOpenBatchPages();
    })(),
  );
});

self.addEventListener('push', (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch {
    notice = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(notice.title || 'Seedline', {
      body: notice.body || '',
      // One notice per alarm: a reminder or its clearing replaces the one shown, and still alerts.
      tag: notice.tag,
      renotify: Boolean(notice.tag),
      icon: '/icons/icon-192.png',
      data: { url: notice.url || OVERVIEW },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  // Only a page of this site opens: the zone's page for a zone's alarm, else the farm.
  const url = new URL((event.notification.data && event.notification.data.url) || OVERVIEW, self.location.origin);
  const target = url.origin === self.location.origin ? url.href : new URL(OVERVIEW, self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => w.url === target);
      if (open) return open.focus();
      return self.clients.openWindow(target);
    })(),
  );
});

// The farm's pages (and, for moving between them in the app, their data and Remix's route
// manifest): from the network when there is one, and kept; else the last copy kept. So a farmer
// can open a record form again with no signal, fill it, and the page keeps the record on the phone
// until it can be sent (app/farm/outbox/). Scripts and styles (hashed, never changing) are kept as
// they are fetched, so kept pages still run. Signing out forgets the kept pages.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/logout') {
    // A signed-in reader's batch pages name them in the header: forgotten too.
    event.waitUntil(Promise.all([caches.delete(CACHE), caches.delete(BATCHES)]));
    return;
  }
  if (request.method !== 'GET') return;
  if (isKeptPage(url) || url.pathname === '/__manifest') event.respondWith(networkFirst(request));
  else if (isBatchPage(url)) event.respondWith(batchPage(request));
  else if (request.mode === 'navigate' && isDigitalLink(url)) event.respondWith(digitalLink(request));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(request));
});

/** A farm page or its data (`.data`, Remix's single fetch); not a live stream, a photo or a PDF. */
function isKeptPage(url) {
  const path = url.pathname.replace(/\.data$/, '').replace(/\/$/, '');
  if (path !== OVERVIEW && !path.startsWith(`${OVERVIEW}/`)) return false;
  return !/^\/farm\/(live|photos)\//.test(path) && !path.endsWith('.pdf');
}

/** How many pages are kept: the oldest go first. */
const KEPT_PAGES = 80;

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // A signed-out visitor is sent to log in (a redirect): nothing of that is kept, and nothing
    // of the farm stays on the phone.
    if (response.type === 'opaqueredirect' || response.redirected) await forgetPages(cache);
    else if (response.ok) {
      await cache.put(request.url, response.clone());
      await trim(cache);
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request.url);
    if (kept) return kept;
    throw error;
  }
}

async function trim(cache) {
  const pages = (await cache.keys()).filter((kept) => !new URL(kept.url).pathname.startsWith('/assets/'));
  for (const old of pages.slice(0, Math.max(0, pages.length - KEPT_PAGES))) await cache.delete(old);
}

async function forgetPages(cache) {
  for (const kept of await cache.keys()) {
    if (!new URL(kept.url).pathname.startsWith('/assets/')) await cache.delete(kept);
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// A batch's page (web/app/routes/batch.tsx) and its data: from the network (or the browser's HTTP
// cache, as the page's Cache-Control allows), kept with the time it was fetched; with no network,
// the kept copy, its notice (ui/kept-copy.tsx) filled with that time. A pack's QR code opens the
// Digital Link, which redirects to the page: with no network, to the kept copy of its lot.

const KEPT_AT = 'X-Seedline-Kept-At';
/** How many batch pages are kept: a buyer's last few packs. */
const KEPT_BATCH_PAGES = 30;

function isBatchPage(url) {
  return /^\/batches\/[^/]+$/.test(url.pathname.replace(/\.data$/, ''));
}

/** /01/{gtin}/10/{lot}, as web/app/routes/digital-link.tsx resolves it. */
function isDigitalLink(url) {
  return /^\/01\/\d{8,14}\/10\/[^/]+/.test(url.pathname);
}

async function batchPage(request) {
  const cache = await caches.open(BATCHES);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) await keepBatchPage(cache, request.url, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request.url);
    if (!kept) throw error;
    return request.mode === 'navigate' ? withKeptNotice(kept) : kept;
  }
}

async function keepBatchPage(cache, url, response) {
  const headers = new Headers(response.headers);
  // The body kept is the decoded one: its encoding and length no longer describe it.
  headers.delete('Content-Encoding');
  headers.delete('Content-Length');
  headers.set(KEPT_AT, new Date().toISOString());
  const body = await response.arrayBuffer();
  await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  const pages = await cache.keys();
  for (const old of pages.slice(0, Math.max(0, pages.length - KEPT_BATCH_PAGES))) await cache.delete(old);
}

/**
 * The page open when this worker first took over (its first visit) is kept as well, with the
 * scripts and styles it loaded before the worker could see them (from the browser's cache).
 */
async function keepOpenBatchPages() {
  const cache = await caches.open(BATCHES);
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
    if (!isBatchPage(new URL(client.url))) continue;
    try {
      const response = await fetch(client.url);
      if (!response.ok || response.redirected) continue;
      const html = await response.clone().text();
      await keepBatchPage(cache, client.url, response);
      const assets = new Set(Array.from(html.matchAll(/"(\/assets\/[^"]+\.(?:js|css))"/g), (m) => m[1]));
      await Promise.all(Array.from(assets, (asset) => cacheFirst(new Request(asset))));
    } catch {
      // No network now: it is kept at its next visit.
    }
  }
}

/** The kept page, its notice shown with the time it was kept, in the page's language. */
async function withKeptNotice(kept) {
  const html = await kept.text();
  const keptAt = new Date(kept.headers.get(KEPT_AT) || Date.now());
  const lang = /<html lang="(\w+)"/.exec(html);
  const time = new Intl.DateTimeFormat(lang && lang[1] === 'en' ? 'en-GB' : 'vi-VN', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(keptAt);
  const shown = html.replace(/<p class="kept-copy"([^>]*)><\/p>/, (element, attributes) => {
    const template = /data-kept-copy="([^"]*)"/.exec(attributes);
    if (!template) return element;
    return `<p class="kept-copy"${attributes.replace(' hidden=""', '')}>${template[1].replace('{at}', time)}</p>`;
  });
  return new Response(shown, { status: kept.status, statusText: kept.statusText, headers: kept.headers });
}

async function digitalLink(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const lot = /\/10\/([^/?]+)/.exec(new URL(request.url).pathname);
    const page = lot && new URL(`/batches/${encodeURIComponent(decodeURIComponent(lot[1]))}`, self.location.origin);
    if (page && (await (await caches.open(BATCHES)).match(page.href))) return Response.redirect(page.href, 302);
    throw error;
  }
}
