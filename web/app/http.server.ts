import { data } from '@remix-run/node';

/** 404 and 403 go through here so every route answers them the same way. */
export function notFound(what = 'Not found'): never {
  throw data({ message: what }, { status: 404 });
}

export function forbidden(): never {
  throw data({ message: 'Forbidden' }, { status: 403 });
}

export type FieldErrors = Record<string, string>;

/** 400 with the message key of each bad field, for forms to show beside the field. */
export function badRequest(fieldErrors: FieldErrors, values: Record<string, unknown> = {}) {
  return data({ fieldErrors, values }, { status: 400 });
}
