import { thingNameSchema, zoneIdSchema } from '@seedline/firmware-bridge/config';
import { isValidThingName } from '@seedline/infra/local/identity';
import { z } from 'zod';
import { decimalText } from '../forms/number-text.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { settingsFields, settingsOf } from '../irrigation/zone-forms.ts';

// A greenhouse and its zones as the co-op's admin registers them. The thing name and a zone's key
// are checked by the bridge's own schemas (they go into its config file and every message), the
// starting settings by the bridge's settings schema (irrigation/zone-forms.ts). No server code here.
const m = (key: MessageKey) => ({ error: key });

const text = (max: number) =>
  z.string(m('errors.required')).trim().min(1, m('errors.required')).max(max, m('errors.tooLong'));

/** Square metres: more than 0, at most the bridge's 100,000. */
const area = decimalText('greenhouses.errors.area', 1).pipe(
  z.number().positive(m('greenhouses.errors.area')).max(100_000, m('greenhouses.errors.area')),
);

/** The bridge's rule, and never a service's name: the certificate's CN is who a client is to the broker. */
const thingName = z
  .string(m('greenhouses.errors.thingName'))
  .trim()
  .refine((v) => thingNameSchema.safeParse(v).success && isValidThingName(v), m('greenhouses.errors.thingName'));

const zoneFields = {
  key: z
    .string(m('greenhouses.errors.zoneKey'))
    .trim()
    .refine((v) => zoneIdSchema.safeParse(v).success, m('greenhouses.errors.zoneKey')),
  zoneName: z.string(m('errors.required')).trim().min(1, m('errors.required')).max(60, m('errors.tooLong')),
  zoneAreaM2: area,
  crop: z
    .string()
    .trim()
    .max(60, m('errors.tooLong'))
    .optional()
    .transform((v) => v || null),
  ...settingsFields,
};

type ZoneFields = z.output<z.ZodObject<typeof zoneFields>>;

function zoneOf(form: ZoneFields, ctx: z.RefinementCtx) {
  return {
    key: form.key,
    name: form.zoneName,
    areaM2: form.zoneAreaM2,
    crop: form.crop,
    settings: settingsOf(form, ctx),
  };
}
export type ZoneInput = ReturnType<typeof zoneOf>;

/** A new greenhouse with its first zone (a bridge runs at least one). */
export const registerSchema = z
  .object({ name: text(80), thingName, areaM2: area, ...zoneFields })
  .transform((form, ctx) => ({
    name: form.name,
    thingName: form.thingName,
    areaM2: form.areaM2,
    zone: zoneOf(form, ctx),
  }));
export type RegisterForm = z.output<typeof registerSchema>;

/** A greenhouse's page: add a zone, or issue its bridge's certificate and config for the local broker. */
export const greenhousePageSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('zone'), ...zoneFields }).transform((form, ctx) => ({
    intent: form.intent,
    zone: zoneOf(form, ctx),
  })),
  z.object({ intent: z.literal('provision') }),
]);
