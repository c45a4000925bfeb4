import type { ActionFunctionArgs } from '@remix-run/node';
import { isFormResult } from '../../forms/form-result.ts';
import { type RecordForm, recordActions } from '../record-actions.server.ts';
import type { Delivery } from './delivery.ts';

// A record the phone kept while offline, arriving later: posted to the outbox's address with the
// form it was made on (`path`), and handed, body unread, to that form's own action, as if posted
// there (so the action's own limits on the body and its files apply). The answer is for a program
// (the phone's outbox), not a page: stored, or refused with the reason.

/** A record form's address: /farm/plantings/<planting>/<form>. */
const formPath = /^\/farm\/plantings\/([\w-]{1,40})\/(\w{1,20})$/;

export async function deliverKept(args: ActionFunctionArgs, path: string): Promise<Delivery> {
  const [, plantingId = '', form = ''] = formPath.exec(path) ?? [];
  if (!isRecordForm(form)) return { stored: false, refusal: { key: 'outbox.unknownForm' } };
  const { headers, body } = args.request;
  const request = new Request(new URL(path, args.request.url), { method: 'POST', headers, body, duplex: 'half' });
  try {
    return answerOf(await recordActions[form]({ ...args, request, params: { plantingId } }));
  } catch (thrown) {
    // Not this farmer's planting, or none such (a 404 thrown by the action's checks).
    if (statusOf(thrown) === 404) return { stored: false, refusal: { key: 'outbox.notFound' } };
    throw thrown;
  }
}

function isRecordForm(name: string): name is RecordForm {
  return Object.hasOwn(recordActions, name);
}

/** The action's answer: a redirect when it stored the record, else the form's refusal. */
function answerOf(answer: unknown): Delivery {
  if (answer instanceof Response && answer.status >= 300 && answer.status < 400) return { stored: true };
  const result = answer && typeof answer === 'object' && 'data' in answer ? answer.data : answer;
  if (!isFormResult(result)) throw new Error('A record action answered neither a redirect nor a form result');
  const refusal = result.formError ?? Object.values(result.fieldErrors)[0] ?? { key: 'errors.invalid' };
  return { stored: false, refusal };
}

function statusOf(thrown: unknown): number | undefined {
  if (thrown instanceof Response) return thrown.status;
  if (!thrown || typeof thrown !== 'object' || !('init' in thrown)) return undefined;
  const { init } = thrown;
  return init && typeof init === 'object' && 'status' in init && typeof init.status === 'number'
    ? init.status
    : undefined;
}
