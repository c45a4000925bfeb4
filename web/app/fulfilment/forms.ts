import { z } from 'zod';
import type { MessageKey } from '../i18n/i18n.ts';

// The back office's pickup forms: points, weekly schedules, and one window's capacity. Messages
// are i18n keys, shown beside their field.
const m = (key: MessageKey) => ({ error: key });
const text = (max: number, key: MessageKey) => z.string(m(key)).trim().min(1, m(key)).max(max, m('errors.tooLong'));
const whole = (min: number, max: number, key: MessageKey) =>
  z
    .string(m(key))
    .trim()
    .regex(/^\d{1,4}$/, m(key))
    .transform(Number)
    .pipe(z.number().int().min(min, m(key)).max(max, m(key)));
/** "08:30" → minutes after midnight. */
const clock = (key: MessageKey) =>
  z
    .string(m(key))
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, m(key))
    .transform((v) => Number(v.slice(0, 2)) * 60 + Number(v.slice(3, 5)));

export const pointSchema = z.object({
  name: text(120, 'pickup.errors.name'),
  address: text(200, 'pickup.errors.address'),
  commune: text(120, 'pickup.errors.commune'),
  province: text(120, 'pickup.errors.province'),
  hours: z.string().trim().max(200, m('errors.tooLong')).optional().default(''),
});
export type PointForm = z.output<typeof pointSchema>;

/** A point's page: save its fields, or stop and restart taking orders there. */
export const pointPageSchema = z.discriminatedUnion('intent', [
  pointSchema.extend({ intent: z.literal('save') }),
  z.object({ intent: z.enum(['deactivate', 'activate']) }),
]);

/** Weekday boxes `weekday0` (Sunday) … `weekday6`, ticked "on", Monday first as a Vietnamese week. */
export const weekdayFields = [1, 2, 3, 4, 5, 6, 0] as const;
export const weekdayName = {
  0: 'pickup.weekday.0',
  1: 'pickup.weekday.1',
  2: 'pickup.weekday.2',
  3: 'pickup.weekday.3',
  4: 'pickup.weekday.4',
  5: 'pickup.weekday.5',
  6: 'pickup.weekday.6',
} as const satisfies Record<(typeof weekdayFields)[number], MessageKey>;
const weekdayBoxes = Object.fromEntries(
  weekdayFields.map((d) => [`weekday${d}`, z.literal('on').optional()]),
) as Record<`weekday${(typeof weekdayFields)[number]}`, z.ZodOptional<z.ZodLiteral<'on'>>>;

export const scheduleSchema = z
  .object({
    fulfilment: z.enum(['PICKUP', 'DELIVERY'], m('pickup.errors.fulfilment')),
    pickupPointId: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v) => v || undefined),
    ...weekdayBoxes,
    from: clock('pickup.errors.from'),
    to: clock('pickup.errors.to'),
    capacity: whole(1, 9999, 'pickup.errors.capacity'),
    opensDaysBefore: whole(1, 60, 'pickup.errors.opensDaysBefore'),
    closesHoursBefore: whole(0, 168, 'pickup.errors.closesHoursBefore'),
  })
  // Checked with the fields: a staff member sees every problem of the form at once.
  .superRefine(
    (form, ctx) => {
      if (!weekdayFields.some((d) => form[`weekday${d}`] === 'on')) {
        // Beside the first box, Monday: the group's own message, read with it.
        ctx.addIssue({ code: 'custom', path: ['weekday1'], message: 'pickup.errors.weekdays' });
      }
      if (typeof form.from === 'number' && typeof form.to === 'number' && form.to <= form.from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'pickup.errors.to' });
      }
      if (form.fulfilment === 'PICKUP' && !form.pickupPointId) {
        ctx.addIssue({ code: 'custom', path: ['pickupPointId'], message: 'pickup.errors.point' });
      }
    },
    {
      when: (payload) =>
        !payload.issues.some((issue) => ['from', 'to', 'fulfilment'].includes(String(issue.path?.[0]))),
    },
  )
  .transform((form) => ({
    fulfilment: form.fulfilment,
    pickupPointId: form.fulfilment === 'PICKUP' ? (form.pickupPointId ?? null) : null,
    weekdays: weekdayFields.filter((d) => form[`weekday${d}`] === 'on').sort(),
    startMinute: form.from,
    endMinute: form.to,
    capacity: form.capacity,
    opensDaysBefore: form.opensDaysBefore,
    closesHoursBefore: form.closesHoursBefore,
  }));
export type ScheduleForm = z.output<typeof scheduleSchema>;

/** The pickup page's one form per schedule: stop it. */
export const stopScheduleSchema = z.object({ scheduleId: z.string().trim().min(1).max(40) });

/** A window's page: change its capacity, or close it to new orders. */
export const windowPageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('capacity'), capacity: whole(0, 9999, 'pickup.errors.capacity') }),
  z.object({ intent: z.literal('close') }),
]);
