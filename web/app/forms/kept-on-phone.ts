import type { ShouldRevalidateFunctionArgs } from '@remix-run/react';

// A farm record form's answer when the record could not reach the server and was kept on the
// phone instead (farm/outbox/record-client-action.ts). Apart from the outbox so that the root can
// read it without loading the outbox's storage on every page of the shop.

/** The page's answer when its record was kept on the phone: the record's id. */
export type KeptAnswer = { readonly keptOnPhone: string };

export function isKeptAnswer(value: unknown): value is KeptAnswer {
  return typeof value === 'object' && value !== null && 'keptOnPhone' in value;
}

/**
 * For the routes a record form sits under (the root, the farm area, the form): after a record was
 * kept on the phone, the page's data is not fetched again. With no network that would fail and
 * put an error in place of the page.
 */
export function revalidateUnlessKept({ actionResult, defaultShouldRevalidate }: ShouldRevalidateFunctionArgs) {
  return isKeptAnswer(actionResult) ? false : defaultShouldRevalidate;
}
