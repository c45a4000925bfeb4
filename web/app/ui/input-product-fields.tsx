import { doseUnitText, doseUnits, inputTypes } from '../farm/dose.ts';
import type { FormView } from '../forms/form-result.ts';
import { useI18n } from '../i18n/i18n.ts';
import { Field } from './field.tsx';
import { NumberField } from './number-field.tsx';
import { Select } from './select.tsx';

type Fields = 'name' | 'type' | 'activeIngredient' | 'registrationNumber' | 'phiDays' | 'maxDose' | 'doseUnit';

export type InputProductValues = {
  name: string;
  type: string;
  activeIngredient: string | null;
  registrationNumber: string | null;
  phiDays: number;
  maxDose: number;
  doseUnit: string;
};

/** The register's fields, empty to add a product or filled with one to edit it. */
export function InputProductFields<F extends string>({
  form,
  product,
}: {
  form: FormView<F>;
  product?: InputProductValues;
}) {
  const { t, locale } = useI18n();
  const view = form as unknown as FormView<Fields>;
  const number = (n: number) => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { useGrouping: false });
  return (
    <>
      <Field form={view} name="name" label="inputs.name" defaultValue={product?.name} required maxLength={120} />
      <Select
        form={view}
        name="type"
        label="inputs.type"
        placeholder="inputs.choose"
        defaultValue={product?.type}
        required
        options={inputTypes.map((type) => ({ value: type, label: t(`input.${type}`) }))}
      />
      <Field
        form={view}
        name="activeIngredient"
        label="inputs.activeIngredient"
        defaultValue={product?.activeIngredient ?? ''}
        maxLength={200}
      />
      <Field
        form={view}
        name="registrationNumber"
        label="inputs.registrationNumber"
        description="inputs.registrationHint"
        defaultValue={product?.registrationNumber ?? ''}
        maxLength={60}
      />
      <NumberField
        form={view}
        name="phiDays"
        label="inputs.phi"
        unit="unit.days"
        defaultValue={product?.phiDays}
        required
      />
      <NumberField
        form={view}
        name="maxDose"
        label="inputs.maxDose"
        unit="inputs.inDoseUnit"
        decimals
        defaultValue={product ? number(product.maxDose) : undefined}
        required
      />
      <Select
        form={view}
        name="doseUnit"
        label="inputs.doseUnit"
        description="inputs.doseUnitHint"
        placeholder="inputs.choose"
        defaultValue={product?.doseUnit}
        required
        options={doseUnits.map((unit) => ({ value: unit, label: doseUnitText[unit] }))}
      />
    </>
  );
}
