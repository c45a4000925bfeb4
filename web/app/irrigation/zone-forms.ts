import { fromLocalDateTime } from '@seedline/db';
import { type ZoneSettingsInput, zoneSettingsSchema } from '@seedline/firmware-bridge/shadow';
import { z } from 'zod';
import { decimalText } from '../forms/number-text.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { WINDOW_SLOTS } from './zone-form-fields.ts';

// The zone page's forms, one `intent` each: the settings (checked here by the bridge's own schema,
// so a value the bridge would refuse never reaches the shadow), the commands, and acknowledging an
// alarm. Numbers come as a Vietnamese phone types them (a decimal comma); messages are keys.

const m = (key: MessageKey) => ({ error: key });

/** The longest run and pause a farmer may ask for from the phone. */
export const RUN_MINUTES_MAX = 240;
export const PAUSE_DAYS_MAX = 14;

const decimal = (key: MessageKey) => decimalText(key, 2);
const whole = (key: MessageKey) =>
  z
    .string(m(key))
    .trim()
    .regex(/^\d{1,5}$/, m(key))
    .transform(Number);
const hhmm = z
  .string()
  .trim()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, m('zone.errors.window'))
  .optional()
  .transform((v) => v || null);

const windowFields = Object.fromEntries(
  Array.from({ length: WINDOW_SLOTS }, (_, i) => [
    [`window${i + 1}From`, hhmm],
    [`window${i + 1}To`, hhmm],
  ]).flat(),
) as Record<`window${1 | 2 | 3}${'From' | 'To'}`, typeof hhmm>;

/** Which form field a problem the bridge's schema finds belongs beside. */
const fieldOfSetting: Record<string, { field: string; key: MessageKey }> = {
  moistureLow: { field: 'moistureLow', key: 'zone.errors.moisture' },
  moistureHigh: { field: 'moistureHigh', key: 'zone.errors.moisture' },
  maxRunMinutes: { field: 'maxRunMinutes', key: 'zone.errors.maxRun' },
  minSoakMinutes: { field: 'minSoakMinutes', key: 'zone.errors.soak' },
  dailyBudgetLitres: { field: 'dailyBudgetLitres', key: 'zone.errors.budget' },
  windows: { field: 'window1From', key: 'zone.errors.window' },
};

/**
 * A zone's settings as a form types them: the zone page's, and the co-op's when it registers a
 * zone (coop/greenhouse-forms.ts). `settingsOf` turns them into the bridge's settings, checked by
 * the bridge's own schema, each problem beside its field.
 */
export const settingsFields = {
  moistureLow: decimal('zone.errors.moisture'),
  moistureHigh: decimal('zone.errors.moisture'),
  maxRunMinutes: decimal('zone.errors.maxRun'),
  minSoakMinutes: whole('zone.errors.soak'),
  dailyBudgetLitres: decimal('zone.errors.budget'),
  fallbackWatering: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
  ...windowFields,
};

type SettingsFields = z.output<z.ZodObject<typeof settingsFields>>;

export function settingsOf(form: SettingsFields, ctx: z.RefinementCtx): ZoneSettingsInput {
  const windows: { from: string; to: string }[] = [];
  for (let i = 1; i <= WINDOW_SLOTS; i++) {
    const from = form[`window${i}From` as keyof typeof windowFields];
    const to = form[`window${i}To` as keyof typeof windowFields];
    if (from && to) windows.push({ from, to });
    else if (from || to)
      ctx.addIssue({
        code: 'custom',
        path: [`window${i}${from ? 'To' : 'From'}`],
        message: 'zone.errors.windowPair',
      });
  }
  const settings = {
    moistureLow: form.moistureLow,
    moistureHigh: form.moistureHigh,
    maxRunMinutes: form.maxRunMinutes,
    minSoakMinutes: form.minSoakMinutes,
    dailyBudgetLitres: form.dailyBudgetLitres,
    windows,
    fallbackWatering: form.fallbackWatering,
  };
  // The bridge's rules, as it will apply them.
  const checked = zoneSettingsSchema.safeParse(settings);
  if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue(besideItsField(issue));
  return settings satisfies ZoneSettingsInput;
}

const settingsForm = z
  .object({ intent: z.literal('settings'), ...settingsFields })
  .transform((form, ctx) => ({ intent: form.intent, settings: settingsOf(form, ctx) }));

function besideItsField(issue: z.core.$ZodIssue) {
  const setting = String(issue.path[0] ?? '');
  // The band's own rule has no path: low must stay below high.
  if (!setting) {
    const band = /moisture/i.test(issue.message);
    return {
      code: 'custom' as const,
      path: [band ? 'moistureHigh' : 'moistureLow'],
      message: band ? 'zone.errors.band' : 'zone.errors.moisture',
    };
  }
  const beside = fieldOfSetting[setting] ?? { field: 'moistureLow', key: 'errors.invalid' };
  return { code: 'custom' as const, path: [beside.field], message: beside.key };
}

/** Acknowledging a latched alarm: from the zone page or the farm overview. */
export const acknowledgeForm = z.object({ intent: z.literal('acknowledge'), alarmId: z.string().min(1).max(40) });

export function zoneFormSchema(now: Date) {
  return z.discriminatedUnion('intent', [
    settingsForm,
    z.object({
      intent: z.literal('run'),
      minutes: whole('zone.errors.runMinutes').pipe(
        z.number().min(1, m('zone.errors.runMinutes')).max(RUN_MINUTES_MAX, m('zone.errors.runMinutes')),
      ),
    }),
    z.object({
      intent: z.literal('pause'),
      until: z.string(m('zone.errors.pauseUntil')).transform((value, ctx) => {
        const at = fromLocalDateTime(value.trim());
        const latest = now.getTime() + PAUSE_DAYS_MAX * 86_400_000;
        if (!at || at.getTime() <= now.getTime() || at.getTime() > latest) {
          ctx.addIssue({ code: 'custom', message: 'zone.errors.pauseUntil' });
        }
        return at ?? now;
      }),
    }),
    z.object({ intent: z.enum(['stop', 'resume', 'off', 'auto']) }),
    acknowledgeForm,
  ]);
}

export type ZoneForm = z.output<ReturnType<typeof zoneFormSchema>>;
