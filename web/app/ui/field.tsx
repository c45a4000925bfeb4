import type { InputHTMLAttributes } from 'react';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';

type Props = InputHTMLAttributes<HTMLInputElement> & {
  name: string;
  label: MessageKey;
  error?: string | undefined;
};

/** A labelled input with its error message, tied together for screen readers. */
export function Field({ name, label, error, ...input }: Props) {
  const { t } = useI18n();
  const errorId = `${name}-error`;
  return (
    <div className="field">
      <label htmlFor={name}>{t(label)}</label>
      <input
        id={name}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...input}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {t(error as MessageKey)}
        </p>
      ) : null}
    </div>
  );
}
