import { Outlet } from '@remix-run/react';
import type { AreaHandle } from '../../auth/areas.ts';
import { account } from '../../i18n/messages/account.ts';

// A signed-in user's own pages. Its texts come with the root (log-in shares them).
export const handle: AreaHandle = { area: 'account', messages: [account] };

// Guarded with every page below it (auth/areas.server.ts), so a page without a loader is guarded too.
export const loader = () => null;

export default function AccountArea() {
  return <Outlet />;
}
