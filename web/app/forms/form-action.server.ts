import { type ActionFunctionArgs, data } from '@remix-run/node';
import type { DomainError } from '@seedline/db/domain-error';
import type { z } from 'zod';
import { type RefusalCode, isRefusal, refusalStatus } from '../errors/refusals.ts';
import { isMessageKey } from '../i18n/all-messages.ts';
import type { Message } from '../i18n/i18n.ts';
import type { FieldName, FormResult } from './form-result.ts';

// The one way an action answers a form (decision 011). A page declares its zod schema in its
// feature folder; its action is `formAction(schema, handler)`. Bad input answers 400 with a
// message per field; a rule's refusal (a DomainError) answers with its status and its message,
// beside a field when the page says which; both send back what was typed. The handler runs only
// on valid input, and whatever it returns (a redirect, data) is the answer.

export type FormActionArgs = ActionFunctionArgs & {
  /** The submitted text fields, as typed (passwords left out): for `invalid`. */
  values: Readonly<Record<string, string>>;
  /** Sent with every answer this action makes for the form, e.g. a cookie set before a refusal. */
  headers: Headers;
};

type Options<S extends z.ZodType> = {
  /** Refusals shown beside a field rather than above the form. */
  fields?: Partial<Record<RefusalCode, FieldName<S>>>;
  /**
   * The body, read already: a form with files is read by `readFormWithFiles` (uploads.server.ts),
   * which keeps its files for the handler; its text fields are the form's.
   */
  formData?: FormData;
};

export function formAction<S extends z.ZodType, R>(
  schema: S,
  handler: (input: z.output<S>, args: FormActionArgs) => Promise<R>,
  options: Options<S> = {},
) {
  return async (args: ActionFunctionArgs) => {
    const submitted = textFields(options.formData ?? (await readForm(args.request)));
    const formArgs: FormActionArgs = { ...args, values: echoed(submitted), headers: new Headers() };
    const parsed = schema.safeParse(submitted);
    if (!parsed.success) return invalid(formArgs, { fieldErrors: fieldErrors(parsed.error) });
    try {
      return await handler(parsed.data, formArgs);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return refused(formArgs, error, options.fields);
    }
  };
}

/** Refuses the form from the handler: e.g. an email already taken, or wrong credentials. */
export function invalid(
  args: Pick<FormActionArgs, 'values' | 'headers'>,
  errors: { fieldErrors?: Record<string, Message>; formError?: Message },
  status = 400,
) {
  const result: FormResult = {
    formResult: true,
    fieldErrors: errors.fieldErrors ?? {},
    formError: errors.formError ?? null,
    values: args.values,
  };
  return data(result, { status, headers: args.headers });
}

/** A refusal as the form's answer: its text beside its field, or above the form. */
function refused(
  args: Pick<FormActionArgs, 'values' | 'headers'>,
  error: DomainError<RefusalCode>,
  fields: Partial<Record<RefusalCode, string>> = {},
) {
  const status = refusalStatus[error.code];
  // A provider that failed (Stripe) is worth a look by whoever runs the shop; a rule is not.
  if (status >= 500) console.error(error, error.cause);
  // "Not so often" says when to come back, to people and to clients alike.
  const { minutes } = error.params;
  if (status === 429 && typeof minutes === 'number') args.headers.set('Retry-After', String(minutes * 60));
  const message: Message = { key: error.code, params: error.params };
  const field = fields[error.code];
  return invalid(args, field ? { fieldErrors: { [field]: message } } : { formError: message }, status);
}

/** Field → the first problem with it, as a message key (the schema's) with its limits. */
export function fieldErrors(error: z.ZodError): Record<string, Message> {
  const errors: Record<string, Message> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    const limits = {
      ...('minimum' in issue && typeof issue.minimum === 'number' ? { min: issue.minimum } : {}),
      ...('maximum' in issue && typeof issue.maximum === 'number' ? { max: issue.maximum } : {}),
    };
    // A schema that forgot its message key still says something in the user's language.
    errors[field] = { key: isMessageKey(issue.message) ? issue.message : 'errors.invalid', params: limits };
  }
  return errors;
}

/** The body as a form. A body that is not a form reads as an empty one: every field missing. */
function readForm(request: Request): Promise<FormData> {
  return request.formData().catch(() => new FormData());
}

/** The form's text fields (files are the handler's to read). */
function textFields(form: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
  return fields;
}

const maxEchoed = 2_000;

/** What goes back to the page to fill the form again: never a password, never a novel. */
function echoed(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([name]) => !/password/i.test(name))
      .map(([name, value]) => [name, value.slice(0, maxEchoed)]),
  );
}
