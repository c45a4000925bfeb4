import { useEffect } from 'react';

// The farm pages' service worker (web/public/sw.js): alarm notices pushed to this device, and the
// farm overview kept for reading offline. Registered from the browser only; without JavaScript
// (or a browser without service workers) the pages work as they are.

/** Registers /sw.js for the whole site and resolves once it is active (null where unsupported). */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return null;
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** For a page that should be readable offline next time (the farm overview): registers the worker. */
export function useServiceWorker(): void {
  useEffect(() => {
    registerServiceWorker().catch((error: unknown) => console.error('Service worker not registered', error));
  }, []);
}
