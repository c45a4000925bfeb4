import { type ControlProps, Field } from './field.tsx';

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
export function DateTimeField<F extends string>({ kind, ...props }: Props<F>) {
  return <Field {...props} type={kind} />;
}
