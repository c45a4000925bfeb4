// Seedline's service worker (registered by /farm/notifications): shows the alarm notices the server
// pushes (Web Push; notify/push.server.ts sends { title, body, url, tag }) and opens their page
// when tapped, and keeps the last farm overview it fetched, so the overview (which says when its
// figures are from) is readable without a network. Plain JavaScript, served as it is.

const CACHE = 'seedline-farm-v1';
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

// The overview: from the network when there is one (and kept), else the last copy kept. Its
// scripts and styles (hashed, never changing) are kept as they are fetched, so it still looks right.
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.replace(/\/$/, '') === OVERVIEW) {
    event.respondWith(networkFirst(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // A signed-out visitor is sent to log in (a redirect): nothing of that is kept.
    if (response.ok && !response.redirected) await cache.put(OVERVIEW, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(OVERVIEW);
    if (kept) return kept;
    throw error;
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
