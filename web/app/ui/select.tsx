import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { type ControlProps, FieldFrame, bindControl } from './field.tsx';

export type Option = { value: string; label: string };

type Props<F extends string> = ControlProps<F> & {
  options: readonly Option[];
  /** A first, empty choice ("Chọn…"): nothing is chosen for the user. */
  placeholder?: MessageKey;
  defaultValue?: string | undefined;
  required?: boolean;
};

export function Select<F extends string>({
  form,
  name,
  label,
  description,
  id,
  options,
  placeholder,
  defaultValue,
  required,
}: Props<F>) {
  const { t } = useI18n();
  const { frame, control } = bindControl({ form, name, label, description, id }, defaultValue ?? '');
  return (
    <FieldFrame {...frame}>
      <select {...control} required={required}>
        {placeholder ? <option value="">{t(placeholder)}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
