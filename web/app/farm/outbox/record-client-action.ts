import type { ClientActionFunctionArgs } from '@remix-run/react';
import { type FormResult, isFormResult } from '../../forms/form-result.ts';
import type { KeptAnswer } from '../../forms/kept-on-phone.ts';
import type { Message } from '../../i18n/i18n.ts';
import { outboxUser } from './outbox-user.ts';
import { announceOutboxChange, forgetRecord, keepRecord, markRefused } from './outbox-store.ts';

// A farm record form's action in the browser (Remix's clientAction): the server's action as
// usual, but a record that cannot reach the server (no network, or the link dropped on the way) is
// kept on the phone instead of lost; the outbox sends it later (use-outbox.ts). Without
// JavaScript the server's action runs alone, as before.

export async function recordClientAction({ request, params, serverAction }: ClientActionFunctionArgs) {
  const form = await request.clone().formData();
  const clientId = String(form.get('clientId') ?? '');
  if (!clientId) return serverAction();
  const keep = async (): Promise<KeptAnswer> => {
    const record = { clientId, path: new URL(request.url).pathname, plantingId: params.plantingId ?? '' };
    await keepRecord({
      ...record,
      userId: outboxUser(),
      fields: [...form.entries()],
      keptAt: Date.now(),
      refusal: null,
    });
    announceOutboxChange();
    return { keptOnPhone: clientId };
  };
  if (!navigator.onLine) return keep();
  try {
    const answer = await serverAction();
    // A kept record fixed on its form and refused again: the outbox shows the new reason.
    if (isFormResult(answer)) await markRefused(clientId, refusalOf(answer)).finally(announceOutboxChange);
    return answer;
  } catch (thrown) {
    if (thrown instanceof Response) {
      // A redirect: the server stored the record; a kept one fixed on its form leaves the outbox.
      await forgetRecord(clientId).finally(announceOutboxChange);
      throw thrown;
    }
    // fetch's TypeError: the request or its answer was lost on the way.
    if (thrown instanceof TypeError) return keep();
    throw thrown;
  }
}

/** Why the server refused a record: the form's message, else its first field's. */
export function refusalOf(answer: FormResult): Message {
  return answer.formError ?? Object.values(answer.fieldErrors)[0] ?? { key: 'errors.invalid' };
}
