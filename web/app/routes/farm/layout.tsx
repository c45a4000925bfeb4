import { Outlet } from '@remix-run/react';
import type { AreaHandle } from '../../auth/areas.ts';
import { farm } from '../../i18n/messages/farm.ts';
import { records } from '../../i18n/messages/records.ts';
import { zone } from '../../i18n/messages/zone.ts';

// The farmer's area: farmers (their own farm) and admins. The guard runs for this route and every
// page below it (auth/areas.server.ts); the loader is here so that even a page without one is
// refused to anyone else.
export const handle: AreaHandle = { area: 'farm', messages: [farm, zone, records] };

export const loader = () => null;

export default function FarmArea() {
  return <Outlet />;
}
