import type { TextareaHTMLAttributes } from 'react';
import { type ControlProps, FieldFrame, describedBy } from './field.tsx';

type Props<F extends string> = ControlProps<F> &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'name' | 'id' | 'defaultValue'> & {
    defaultValue?: string | undefined;
  };

export function Textarea<F extends string>({
  form,
  name,
  label,
  description,
  id = name,
  defaultValue,
  rows = 3,
  ...textarea
}: Props<F>) {
  const error = form.error(name);
  return (
    <FieldFrame id={id} label={label} description={description} error={error}>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={form.value(name) ?? defaultValue}
        {...describedBy(id, description !== undefined, error)}
        {...textarea}
      />
    </FieldFrame>
  );
}
