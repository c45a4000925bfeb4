import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { type ControlProps, FieldNotes, describedBy } from './field.tsx';

export type RadioOption = {
  value: string;
  label: string;
  /** Shown under this choice: the fields that go with it (an address under "delivery"). */
  details?: ReactNode;
};

type Props<F extends string> = ControlProps<F> & {
  options: readonly RadioOption[];
  defaultValue?: string | undefined;
};

/** One choice of several: a fieldset whose legend is the question, error tied to the group. */
export function RadioGroup<F extends string>({
  form,
  name,
  label,
  description,
  id = name,
  options,
  defaultValue,
}: Props<F>) {
  const { t } = useI18n();
  const error = form.error(name);
  const chosen = form.value(name) ?? defaultValue;
  return (
    <fieldset className="radio-group" {...describedBy(id, description !== undefined, error)}>
      <legend>{t(label)}</legend>
      {options.map((option) => (
        <div key={option.value}>
          <label className="choice">
            <input type="radio" name={name} value={option.value} defaultChecked={chosen === option.value} />{' '}
            {option.label}
          </label>
          {option.details}
        </div>
      ))}
      <FieldNotes id={id} description={description} error={error} />
    </fieldset>
  );
}
