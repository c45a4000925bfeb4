import { Form, useNavigation } from '@remix-run/react';
import type { ZoneSettingsInput } from '@seedline/firmware-bridge/shadow';
import type { FormView } from '../../forms/form-result.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { bridgeReason } from '../../irrigation/bridge-reasons.ts';
import { WINDOW_SLOTS } from '../../irrigation/zone-form-fields.ts';
import type { SettingsStatus } from '../../irrigation/zone-status.ts';
import { Checkbox } from '../checkbox.tsx';
import { Field } from '../field.tsx';
import { NumberField } from '../number-field.tsx';

type Props = { form: FormView<string>; settings: ZoneSettingsInput | null; status: SettingsStatus };

/** The zone's settings, whole, with where they stand between this page and the bridge. */
export function ZoneSettingsForm({ form, settings, status }: Props) {
  const { t, f } = useI18n();
  const sending = useNavigation().formData?.get('intent') === 'settings';
  return (
    <section className="card zone-settings" aria-labelledby="settings-title" id="settings">
      <h2 id="settings-title">{t('zone.settings')}</h2>
      <p className={`settings-state ${status.state}`} role="status">
        {status.state === 'confirmed'
          ? t('zone.settingsState.confirmed')
          : status.state === 'unreported'
            ? t('zone.settingsState.unreported')
            : status.state === 'pending'
              ? t('zone.settingsState.pending', { since: f.dateTime(status.since) })
              : t('zone.settingsState.refused', { at: f.dateTime(status.at), reason: t(bridgeReason(status.reason)) })}
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="settings" />
        <ZoneSettingsFields form={form} settings={settings} />
        <button type="submit" disabled={sending}>
          {t(sending ? 'zone.saving' : 'zone.save')}
        </button>
      </Form>
    </section>
  );
}

/** The settings' fields: in the zone page's form, and in the co-op's form that registers a zone. */
export function ZoneSettingsFields({ form, settings }: { form: FormView<string>; settings: ZoneSettingsInput | null }) {
  const { t, locale } = useI18n();
  // As the farmer would type it: no thousands separator, a decimal comma in Vietnamese.
  const decimal = (n: number | undefined) =>
    n === undefined ? undefined : locale === 'vi' ? String(n).replace('.', ',') : String(n);
  return (
    <>
      <div className="pair">
        <NumberField
          form={form}
          name="moistureLow"
          label="zone.moistureLow"
          unit="unit.percent"
          decimals
          defaultValue={decimal(settings?.moistureLow)}
          required
        />
        <NumberField
          form={form}
          name="moistureHigh"
          label="zone.moistureHigh"
          unit="unit.percent"
          decimals
          defaultValue={decimal(settings?.moistureHigh)}
          required
        />
      </div>
      <div className="pair">
        <NumberField
          form={form}
          name="maxRunMinutes"
          label="zone.maxRun"
          unit="unit.minutes"
          decimals
          defaultValue={decimal(settings?.maxRunMinutes)}
          required
        />
        <NumberField
          form={form}
          name="minSoakMinutes"
          label="zone.soak"
          unit="unit.minutes"
          defaultValue={settings?.minSoakMinutes}
          required
        />
      </div>
      <NumberField
        form={form}
        name="dailyBudgetLitres"
        label="zone.budget"
        unit="unit.litres"
        decimals
        defaultValue={decimal(settings?.dailyBudgetLitres)}
        required
      />
      <fieldset>
        <legend>{t('zone.windows')}</legend>
        <p className="hint">{t('zone.windowsHint')}</p>
        {Array.from({ length: WINDOW_SLOTS }, (_, i) => (
          <fieldset key={i} className="pair window">
            <legend>{t('zone.window', { n: i + 1 })}</legend>
            <Field
              form={form}
              name={`window${i + 1}From`}
              label="zone.from"
              type="time"
              defaultValue={settings?.windows[i]?.from ?? ''}
            />
            <Field
              form={form}
              name={`window${i + 1}To`}
              label="zone.to"
              type="time"
              defaultValue={settings?.windows[i]?.to ?? ''}
            />
          </fieldset>
        ))}
      </fieldset>
      <Checkbox
        form={form}
        name="fallbackWatering"
        label="zone.fallback"
        description="zone.fallbackHint"
        defaultChecked={settings?.fallbackWatering ?? true}
      />
    </>
  );
}
