import { useActionData } from '@remix-run/react';
import type { z } from 'zod';
import type { Message } from '../i18n/i18n.ts';

/**
 * What an action answers a form it did not accept with (400 for bad input, the refusal's status
 * otherwise): a message per field, one for the whole form, and what was typed, so the page shows
 * the form again as it was. Made on the server by `formAction` (form-action.server.ts) only.
 */
export type FormResult = {
  readonly formResult: true;
  readonly fieldErrors: Readonly<Record<string, Message>>;
  readonly formError: Message | null;
  readonly values: Readonly<Record<string, string>>;
};

/** The names a form of `schema` posts (every option's, for a union of forms). */
export type FieldName<S extends z.ZodType> = KeysOf<z.input<S>> & string;
type KeysOf<T> = T extends unknown ? keyof T : never;

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'key' in value && typeof value.key === 'string';
}

function isRecordOf<T>(value: unknown, item: (v: unknown) => v is T): value is Record<string, T> {
  return typeof value === 'object' && value !== null && Object.values(value).every(item);
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** Whether an action's data is a FormResult (a success answers with anything else). */
export function isFormResult(value: unknown): value is FormResult {
  if (typeof value !== 'object' || value === null || !('formResult' in value) || value.formResult !== true) {
    return false;
  }
  return (
    'fieldErrors' in value &&
    isRecordOf(value.fieldErrors, isMessage) &&
    'formError' in value &&
    (value.formError === null || isMessage(value.formError)) &&
    'values' in value &&
    isRecordOf(value.values, isString)
  );
}

/** A form's last answer, read by field name: what the page and the field components use. */
export type FormView<F extends string = string> = {
  /** The answer was a FormResult: the submission was not accepted. */
  readonly failed: boolean;
  readonly formError: Message | null;
  error(name: F): Message | undefined;
  /** The form's message, else the first field's: for a one-line form with no room beside its fields. */
  firstError(): Message | undefined;
  /** What was typed into `name` (never a password: those are not sent back). */
  value(name: F): string | undefined;
};

export function formView<F extends string = string>(data: unknown): FormView<F> {
  const result = isFormResult(data) ? data : undefined;
  return {
    failed: result !== undefined,
    // A rule over several fields (a zod refine without a path) speaks for the whole form.
    formError: result ? (result.formError ?? result.fieldErrors['form'] ?? null) : null,
    error: (name) => result?.fieldErrors[name],
    firstError: () => result?.formError ?? (result ? Object.values(result.fieldErrors)[0] : undefined),
    value: (name) => result?.values[name],
  };
}

/** The page's own form: `useFormResult<typeof schema>()` types the field names. */
export function useFormResult<S extends z.ZodType>(): FormView<FieldName<S>> {
  return formView(useActionData());
}

/**
 * On a page of several forms, each posting its own `intent`: the answer as the form of `intent`
 * sees it (empty when another form was sent), so one form's refusal never refills another.
 */
export function intentForm<F extends string>(view: FormView<F>, intent: string): FormView<F> {
  return view.value('intent' as F) === intent ? view : formView<F>(undefined);
}
