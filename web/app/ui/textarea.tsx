import type { TextareaHTMLAttributes } from 'react';
import { type ControlProps, FieldFrame, bindControl } from './field.tsx';

type Props<F extends string> = ControlProps<F> &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'form' | 'name' | 'id' | 'defaultValue'> & {
    defaultValue?: string | undefined;
  };

export function Textarea<F extends string>({
  form,
  name,
  label,
  description,
  id,
  defaultValue,
  rows = 3,
  ...textarea
}: Props<F>) {
  const { frame, control } = bindControl({ form, name, label, description, id }, defaultValue);
  return (
    <FieldFrame {...frame}>
      <textarea {...control} rows={rows} {...textarea} />
    </FieldFrame>
  );
}
