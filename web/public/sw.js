// Seedline's service worker (registered by /farm/notifications): shows the alarm notices the server
// pushes (Web Push; notify/push.server.ts sends { title, body, url, tag }) and opens their page
// when tapped, and keeps the farm pages it fetched, so they are readable (and their forms usable)
// without a network. Plain JavaScript, served as it is.

const CACHE = 'seedline-farm-v2';
const OVERVIEW = '/farm';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
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
    event.waitUntil(caches.delete(CACHE));
    return;
  }
  if (request.method !== 'GET') return;
  if (isKeptPage(url) || url.pathname === '/__manifest') event.respondWith(networkFirst(request));
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
