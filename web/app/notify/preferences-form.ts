import { z } from 'zod';
import { normaliseMobile } from '../checkout/phone.ts';
import type { MessageKey } from '../i18n/i18n.ts';

// The forms of /farm/notifications: the channels a user hears alarms on (a plain form post), and a
// device's Web Push subscription (posted by the page's button once the browser subscribed).
const m = (key: MessageKey) => ({ error: key });
const ticked = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on');

const channels = z
  .object({
    intent: z.literal('channels'),
    push: ticked,
    zalo: ticked,
    email: ticked,
    zaloPhone: z.string().trim().max(30, m('notifications.errors.zaloPhone')).optional(),
  })
  .transform((form, ctx) => {
    const phone = form.zaloPhone ? normaliseMobile(form.zaloPhone) : null;
    if (form.zaloPhone && !phone) {
      ctx.addIssue({ code: 'custom', path: ['zaloPhone'], message: 'notifications.errors.zaloPhone' });
    } else if (form.zalo && !phone) {
      ctx.addIssue({ code: 'custom', path: ['zaloPhone'], message: 'notifications.errors.zaloPhoneRequired' });
    }
    return { intent: form.intent, push: form.push, zalo: form.zalo, email: form.email, zaloPhone: phone };
  });

// A browser's PushSubscription (its toJSON()): the push service's https endpoint, the P-256 public
// key (65 bytes) and the 16-byte auth secret, base64url. Only https: the server posts to it.
const base64url = (max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, m('notifications.errors.subscription'))
    .max(max, m('notifications.errors.subscription'));
const subscribe = z.object({
  intent: z.literal('subscribe'),
  endpoint: z
    .url({ protocol: /^https$/, error: 'notifications.errors.subscription' })
    .max(1000, m('notifications.errors.subscription')),
  p256dh: base64url(100),
  auth: base64url(40),
});

export const notificationsSchema = z.discriminatedUnion('intent', [channels, subscribe]);

export type ChannelsForm = z.output<typeof channels>;
export type SubscribeForm = z.output<typeof subscribe>;
