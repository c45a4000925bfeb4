import type { ActionFunctionArgs } from '@remix-run/node';
import { deliverKept } from '../../farm/outbox/deliver.server.ts';

// Where the phone's outbox sends a record kept while offline (farm/outbox/use-outbox.ts): the
// record's form fields, and `path`, the form it was made on. Answers JSON: stored, or refused with
// the reason. The farm area's guard has already checked who is sending.
export async function action(args: ActionFunctionArgs) {
  const body = await args.request.formData().catch(() => new FormData());
  const path = body.get('path');
  body.delete('path');
  const delivery = await deliverKept(args, typeof path === 'string' ? path : '', body);
  return Response.json(delivery, { status: delivery.stored ? 200 : 422 });
}
