import type { InputHTMLAttributes, ReactNode } from 'react';
import type { FormView } from '../forms/form-result.ts';
import { type Message, type MessageKey, useI18n } from '../i18n/i18n.ts';

// The form controls (field.tsx, number-field.tsx, date-time-field.tsx, select.tsx, textarea.tsx,
// radio-group.tsx, checkbox.tsx) read their error and what was typed from the form's last answer
// (`FormView`), and tie label, description and error to the control by id: accessible by
// construction, and a page cannot show an error the screen reader does not announce.

/** What every control takes: the form's answer, its field's name, its label and an optional hint. */
export type ControlProps<F extends string> = {
  form: FormView<F>;
  name: F;
  label: MessageKey;
  description?: MessageKey | Message;
  /** Unique on the page when the same name appears in several forms (default: the name). */
  id?: string;
};

/** The aria attributes that tie a control to its description and error. */
export function describedBy(id: string, hasDescription: boolean, error: Message | undefined) {
  const ids = [hasDescription ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean);
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

/** The description and error lines under a control (or a group of them). */
export function FieldNotes({
  id,
  description,
  error,
}: {
  id: string;
  description?: MessageKey | Message | undefined;
  error: Message | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {description ? (
        <p id={`${id}-description`} className="hint">
          {t(description)}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </>
  );
}

/** Label above, notes below: the frame of every single control. */
export function FieldFrame({
  id,
  label,
  description,
  error,
  children,
}: {
  id: string;
  label: MessageKey;
  description?: MessageKey | Message | undefined;
  error: Message | undefined;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      {children}
      <FieldNotes id={id} description={description} error={error} />
    </div>
  );
}

/**
 * What one control and its frame need, from the form's answer: the frame's label, hint and error,
 * and the control's id, name, what was typed (else `defaultValue`) and aria ties.
 */
export function bindControl<F extends string>(
  { form, name, label, description, id = name }: ControlProps<F>,
  defaultValue?: string | number,
) {
  const error = form.error(name);
  return {
    frame: { id, label, description, error },
    control: {
      id,
      name,
      defaultValue: form.value(name) ?? defaultValue,
      ...describedBy(id, description !== undefined, error),
    },
  };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'id' | 'defaultValue'> & {
  defaultValue?: string | number | undefined;
};

/** A labelled input (text, email, tel, password…) that shows again what was typed. */
export function Field<F extends string>({
  form,
  name,
  label,
  description,
  id,
  defaultValue,
  ...input
}: ControlProps<F> & InputProps) {
  const { frame, control } = bindControl({ form, name, label, description, id }, defaultValue);
  return (
    <FieldFrame {...frame}>
      <input {...control} {...input} />
    </FieldFrame>
  );
}
