import webpush from 'web-push';
import { type ChannelSender, NoticeRefused, SEND_TIMEOUT_MS } from './outbox.server.ts';
import type { VapidKeys } from './settings.server.ts';

// Web Push: the notice, encrypted for each of the user's subscribed browsers (RFC 8291, aes128gcm)
// and signed with the server's VAPID key (RFC 8292) by the `web-push` package, is posted to each
// browser's push service. `web-push` builds the request; fetch sends it (its own sender speaks
// https only, and the tests' push service is a local http one).

/** What the service worker (web/public/sw.js) receives: it shows title and body, and opens url. */
export type PushMessage = { title: string; body: string; url: string; tag: string };

export function pushSender(vapid: VapidKeys, publicUrl: string): ChannelSender {
  return async (notice, db) => {
    const devices = await db.pushSubscription.findMany({
      where: { userId: notice.userId },
      select: { id: true, endpoint: true, p256dh: true, auth: true },
    });
    if (devices.length === 0) throw new NoticeRefused('no device of the user is subscribed to push');
    const message: PushMessage = {
      title: notice.payload.title,
      body: notice.payload.body,
      url: new URL(notice.payload.path, publicUrl).href,
      // One notice on the phone per alarm: a reminder or the clearing replaces the one shown.
      tag: `alarm-${notice.alarmId}`,
    };
    const failures: string[] = [];
    let delivered = 0;
    for (const device of devices) {
      const request = webpush.generateRequestDetails(
        { endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
        JSON.stringify(message),
        {
          vapidDetails: vapid,
          // Kept by the push service for a day while the phone is off; urgent enough to wake it.
          TTL: 24 * 3600,
          urgency: 'high',
          // A resend of this notice replaces it at the push service while it is undelivered.
          topic: notice.id.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
        },
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body === null ? null : new Uint8Array(request.body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        redirect: 'error',
      }).catch((error: unknown) => error as Error);
      if (response instanceof Error) {
        failures.push(`${new URL(device.endpoint).host}: ${response.message}`);
      } else if (response.status === 404 || response.status === 410) {
        // The browser unsubscribed (or the subscription expired): forget the device.
        await db.pushSubscription.deleteMany({ where: { id: device.id } });
      } else if (!response.ok) {
        failures.push(`${new URL(device.endpoint).host}: ${response.status} ${(await response.text()).slice(0, 200)}`);
      } else {
        delivered += 1;
        await response.body?.cancel();
      }
    }
    // Tried again for every device: one that got it already shows it once (same tag).
    if (failures.length > 0) throw new Error(`push refused: ${failures.join('; ')}`);
    if (delivered === 0) throw new NoticeRefused('every push subscription of the user has expired');
  };
}
