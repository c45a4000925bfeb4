import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { ZoneSettingsInput } from '@seedline/firmware-bridge/shadow';
import { Field } from './field.tsx';
import { NumberField } from './number-field.tsx';
import { ZoneSettingsFields } from './zone/zone-settings-form.tsx';

/** A greenhouse's own fields: its name, its bridge's thing name, its area. */
export function GreenhouseFields({ form }: { form: FormView<string> }) {
  return (
    <>
      <Field form={form} name="name" label="greenhouses.name" autoComplete="off" required />
      <Field
        form={form}
        name="thingName"
        label="greenhouses.thingName"
        description="greenhouses.thingNameHint"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <NumberField form={form} name="areaM2" label="greenhouses.area" unit="unit.m2" decimals required />
    </>
  );
}

/** A zone as the co-op registers it: key, name, area, crop and its starting settings. */
export function ZoneFields({ form, settings }: { form: FormView<string>; settings: ZoneSettingsInput }) {
  const { t } = useI18n();
  return (
    <>
      <div className="pair">
        <Field
          form={form}
          name="key"
          label="greenhouses.zoneKey"
          description="greenhouses.zoneKeyHint"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <NumberField form={form} name="zoneAreaM2" label="greenhouses.zoneArea" unit="unit.m2" decimals required />
      </div>
      <Field form={form} name="zoneName" label="greenhouses.zoneName" autoComplete="off" required />
      <Field form={form} name="crop" label="greenhouses.crop" description="greenhouses.cropHint" autoComplete="off" />
      <fieldset>
        <legend>{t('greenhouses.settings')}</legend>
        <ZoneSettingsFields form={form} settings={settings} />
      </fieldset>
    </>
  );
}
