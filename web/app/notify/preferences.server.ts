import type { Db } from '@seedline/db';
import type { SessionUser } from '../auth/session.server.ts';
import { normaliseMobile } from '../checkout/phone.ts';
import type { ChannelsForm, SubscribeForm } from './preferences-form.ts';
import { reminderHours, vapidKeys, zaloSettings } from './settings.server.ts';

// A user's alarm channels, as /farm/notifications shows and changes them: their own only.

export async function notificationsPage(db: Db, user: Pick<SessionUser, 'id' | 'email'>) {
  const [settings, devices, account] = await Promise.all([
    db.notificationSettings.findUnique({ where: { userId: user.id } }),
    db.pushSubscription.count({ where: { userId: user.id } }),
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { phone: true } }),
  ]);
  return {
    email: user.email,
    // As the outbox reads them: email only until the user chooses (queue.server.ts).
    channels: {
      push: settings?.push ?? false,
      zalo: settings?.zalo ?? false,
      email: settings?.email ?? true,
    },
    // The account's phone is the likely Zalo number, until one is saved.
    zaloPhone: settings?.zaloPhone ?? (account.phone ? normaliseMobile(account.phone) : null) ?? '',
    devices,
    zaloAvailable: zaloSettings() !== null,
    vapidPublicKey: vapidKeys().publicKey,
    reminderHours: reminderHours(),
  };
}

export async function saveChannels(db: Db, userId: string, form: ChannelsForm): Promise<void> {
  // Zalo is chosen only when the cooperative has set it up (the page does not offer it otherwise).
  const data = {
    push: form.push,
    zalo: form.zalo && zaloSettings() !== null,
    email: form.email,
    zaloPhone: form.zaloPhone,
  };
  await db.notificationSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

/**
 * A device of the user subscribed to Web Push: kept (the same browser subscribing again, or after
 * another user of it, moves to this user) and push is turned on for the user.
 */
export async function addPushSubscription(db: Db, userId: string, form: SubscribeForm): Promise<void> {
  const keys = { p256dh: form.p256dh, auth: form.auth };
  await db.pushSubscription.upsert({
    where: { endpoint: form.endpoint },
    create: { userId, endpoint: form.endpoint, ...keys },
    update: { userId, ...keys },
  });
  await db.notificationSettings.upsert({
    where: { userId },
    create: { userId, push: true },
    update: { push: true },
  });
}
