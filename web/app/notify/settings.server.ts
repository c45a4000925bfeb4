import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import webpush from 'web-push';
import { type Env, env } from '../env.server.ts';

// Alarm notices' settings, from the environment parsed at start (env.server.ts names a bad one).

export const defaultReminderHours = 4;

/** Hours between reminders of an alarm that stays open and unacknowledged. */
export function reminderHours(e: Env = env()): number {
  return e.SEEDLINE_ALARM_REMINDER_HOURS ?? defaultReminderHours;
}

export type ZaloSettings = { accessToken: string; templateId: string; apiBase: string };

/** Zalo ZNS, or null when it is not configured (the settings page then does not offer it). */
export function zaloSettings(e: Env = env()): ZaloSettings | null {
  if (!e.ZALO_ZNS_ACCESS_TOKEN || !e.ZALO_ZNS_TEMPLATE_ID) return null;
  return {
    accessToken: e.ZALO_ZNS_ACCESS_TOKEN,
    templateId: e.ZALO_ZNS_TEMPLATE_ID,
    apiBase: e.ZALO_ZNS_API_BASE ?? 'https://business.openapi.zalo.me',
  };
}

export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const cached = new Map<string, Omit<VapidKeys, 'subject'>>();

/**
 * The VAPID key pair push services know this server by: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY,
 * else a pair generated once into the data folder (`vapid.json`, owner-only), as the session
 * secret is. Every web process must use the same pair (a phone subscribed with one public key
 * takes pushes signed by its private key only): set the variables when processes do not share
 * the data folder. A new pair orphans every subscription: the phones must subscribe again.
 */
export function vapidKeys(e: Env = env()): VapidKeys {
  const subject = e.VAPID_SUBJECT ?? (e.MAIL_FROM ? `mailto:${e.MAIL_FROM}` : 'mailto:no-reply@seedline.local');
  if (e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY) {
    return { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject };
  }
  const file = path.join(e.SEEDLINE_DATA_DIR ?? path.join(os.tmpdir(), 'seedline-data'), 'vapid.json');
  let keys = cached.get(file);
  if (!keys) {
    keys = readOrMakeKeys(file);
    cached.set(file, keys);
  }
  return { ...keys, subject };
}

function readOrMakeKeys(file: string): Omit<VapidKeys, 'subject'> {
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { publicKey?: unknown; privateKey?: unknown };
    if (typeof stored.publicKey === 'string' && typeof stored.privateKey === 'string') {
      return { publicKey: stored.publicKey, privateKey: stored.privateKey };
    }
    throw new Error(`${file} holds no VAPID key pair: delete it to have a new one made`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = webpush.generateVAPIDKeys();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // `wx`: of two processes making the pair at once, the second reads the first's.
  try {
    fs.writeFileSync(file, JSON.stringify(made), { mode: 0o600, flag: 'wx' });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readOrMakeKeys(file);
  }
}
