import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Field } from './field.tsx';
import { Select } from './select.tsx';
import { certificationSchemes } from '../coop/farm-forms.ts';

type FarmValues = { name: string; commune: string; province: string };

/** A farm's name and where it is (Vietnam's two levels since July 2025: commune and province). */
export function FarmFields({ form, farm }: { form: FormView; farm?: FarmValues }) {
  return (
    <>
      <Field form={form} name="name" label="farms.name" defaultValue={farm?.name} required autoComplete="off" />
      <Field form={form} name="commune" label="farms.commune" defaultValue={farm?.commune} required />
      <Field form={form} name="province" label="farms.province" defaultValue={farm?.province} required />
    </>
  );
}

/** A certificate: its scheme and number, who issued it, and the days it is valid. */
export function CertificationFields({ form }: { form: FormView }) {
  const { t } = useI18n();
  const schemes = certificationSchemes.map((s) => ({ value: s, label: t(`farms.scheme.${s}`) }));
  return (
    <>
      <Select
        form={form}
        name="scheme"
        label="farms.schemeLabel"
        options={schemes}
        placeholder="farms.choose"
        required
      />
      <Field form={form} name="number" label="farms.number" required autoComplete="off" />
      <Field form={form} name="issuedBy" label="farms.issuedBy" autoComplete="off" />
      <Field form={form} name="validFrom" label="farms.validFrom" type="date" required />
      <Field form={form} name="validUntil" label="farms.validUntil" type="date" required />
    </>
  );
}
