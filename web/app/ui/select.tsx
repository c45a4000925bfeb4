import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { type ControlProps, FieldFrame, describedBy } from './field.tsx';

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
  id = name,
  options,
  placeholder,
  defaultValue,
  required,
}: Props<F>) {
  const { t } = useI18n();
  const error = form.error(name);
  return (
    <FieldFrame id={id} label={label} description={description} error={error}>
      <select
        id={id}
        name={name}
        defaultValue={form.value(name) ?? defaultValue ?? ''}
        required={required}
        {...describedBy(id, description !== undefined, error)}
      >
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
