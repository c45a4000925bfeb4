import type { ActionFunctionArgs } from '@remix-run/node';
import { deliverKept } from '../../farm/outbox/deliver.server.ts';

// Where the phone's outbox sends a record kept while offline (farm/outbox/use-outbox.ts): the
// record's form as it was posted, to `?path=<the form it was made on>`. Answers JSON: stored, or
// refused with the reason. The farm area's guard has already checked who is sending.
export async function action(args: ActionFunctionArgs) {
  const path = new URL(args.request.url).searchParams.get('path') ?? '';
  const delivery = await deliverKept(args, path);
  return Response.json(delivery, { status: delivery.stored ? 200 : 422 });
}
