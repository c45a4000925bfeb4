import { useActionData } from '@remix-run/react';

type FormResult = { fieldErrors?: Record<string, string>; values?: Record<string, unknown> } | undefined;

/** The field errors and submitted values of the last failed submission, for a form to show again. */
export function useFormResult() {
  const result = useActionData<FormResult>() as FormResult;
  return {
    errors: result?.fieldErrors ?? {},
    values: (result?.values ?? {}) as Record<string, string | undefined>,
  };
}
