import { type ControlProps, FieldFrame, describedBy } from './field.tsx';

type Props<F extends string> = ControlProps<F> & {
  /** A calendar day, or a day and a time (local to the farm: Vietnam). */
  kind: 'date' | 'datetime-local';
  /** As the input takes them: YYYY-MM-DD, or YYYY-MM-DDTHH:mm. */
  defaultValue?: string | undefined;
  min?: string | undefined;
  max?: string | undefined;
  required?: boolean;
};

/** The phone's own date (and time) picker: one tap, no typing, no format to learn. */
export function DateTimeField<F extends string>({
  form,
  name,
  label,
  description,
  id = name,
  kind,
  defaultValue,
  ...input
}: Props<F>) {
  const error = form.error(name);
  return (
    <FieldFrame id={id} label={label} description={description} error={error}>
      <input
        id={id}
        name={name}
        type={kind}
        defaultValue={form.value(name) ?? defaultValue}
        {...describedBy(id, description !== undefined, error)}
        {...input}
      />
    </FieldFrame>
  );
}
