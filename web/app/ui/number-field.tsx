import type { InputHTMLAttributes } from 'react';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { type ControlProps, FieldFrame, bindControl } from './field.tsx';

type Props<F extends string> = ControlProps<F> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'id' | 'defaultValue' | 'type'> & {
    /** The unit shown after the number (kg, L, phút), read with the label. */
    unit: MessageKey;
    /** Whole numbers only (a count) or with a decimal part (a weight; a comma is accepted). */
    decimals?: boolean;
    defaultValue?: string | number | undefined;
  };

/**
 * A number with its unit. A text input with a numeric keyboard rather than `type=number`: phones
 * set to Vietnamese type a decimal comma, which a number input would silently drop.
 */
export function NumberField<F extends string>({
  form,
  name,
  label,
  description,
  id,
  unit,
  decimals = false,
  defaultValue,
  ...input
}: Props<F>) {
  const { t } = useI18n();
  const { frame, control } = bindControl({ form, name, label, description, id }, defaultValue);
  return (
    <FieldFrame {...frame}>
      <span className="with-unit">
        <input {...control} type="text" inputMode={decimals ? 'decimal' : 'numeric'} autoComplete="off" {...input} />
        <span className="unit" aria-hidden="true">
          {t(unit)}
        </span>
      </span>
    </FieldFrame>
  );
}
