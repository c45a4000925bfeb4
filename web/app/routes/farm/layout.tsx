import type { LoaderFunctionArgs } from '@remix-run/node';
import { Outlet, useLoaderData } from '@remix-run/react';
import type { AreaHandle } from '../../auth/areas.ts';
import { areaUser } from '../../auth/areas.server.ts';
import { revalidateUnlessKept } from '../../forms/kept-on-phone.ts';
import { farm } from '../../i18n/messages/farm.ts';
import { outbox } from '../../i18n/messages/outbox.ts';
import { records } from '../../i18n/messages/records.ts';
import { zone } from '../../i18n/messages/zone.ts';
import { useServiceWorker } from '../../notify/service-worker.ts';
import { OutboxPanel } from '../../ui/outbox-panel.tsx';

// The farmer's area: farmers (their own farm) and admins. The guard runs for this route and every
// page below it (auth/areas.server.ts); the loader is here so that even a page without one is
// refused to anyone else.
export const handle: AreaHandle = { area: 'farm', messages: [farm, zone, records, outbox] };

// Whose outbox this phone shows and sends (a shared phone keeps each farmer's records apart).
export const loader = ({ context }: LoaderFunctionArgs) => ({ userId: areaUser(context).id });
export const shouldRevalidate = revalidateUnlessKept;

export default function FarmArea() {
  const { userId } = useLoaderData<typeof loader>();
  // Every farm page is kept for reading (and its forms for filling) without a network.
  useServiceWorker();
  return (
    <>
      <OutboxPanel userId={userId} />
      <Outlet />
    </>
  );
}
