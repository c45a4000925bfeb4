import { NavLink, Outlet } from '@remix-run/react';
import type { AreaHandle } from '../../auth/areas.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { account } from '../../i18n/messages/account.ts';
import { checkout } from '../../i18n/messages/checkout.ts';
import { coop } from '../../i18n/messages/coop.ts';
import { listings } from '../../i18n/messages/listings.ts';
import { members } from '../../i18n/messages/members.ts';
import { packing } from '../../i18n/messages/packing.ts';
import { payouts } from '../../i18n/messages/payouts.ts';
import { pickup } from '../../i18n/messages/pickup.ts';
import { records } from '../../i18n/messages/records.ts';

// The cooperative's back office: staff and admins. The guard runs for this route and every page
// below it (auth/areas.server.ts); the loader is here so that even a page without one is refused.
// The order queue speaks of orders as the buyer's pages do: buying's texts too, and the account's
// (a trace's orders name the buyer's email as the sign-up form does).
export const handle: AreaHandle = {
  area: 'coop',
  messages: [coop, checkout, records, members, listings, packing, payouts, pickup, account],
};

export const loader = () => null;

export default function CoopArea() {
  const { t } = useI18n();
  return (
    <>
      <nav aria-label={t('coop.nav')} className="area-nav">
        <NavLink to="/coop" end>
          {t('coop.navTrace')}
        </NavLink>
        <NavLink to="/coop/orders">{t('coop.navOrders')}</NavLink>
        <NavLink to="/coop/pickup">{t('pickup.nav')}</NavLink>
        <NavLink to="/coop/packing">{t('packing.nav')}</NavLink>
        <NavLink to="/coop/inputs">{t('inputs.nav')}</NavLink>
        <NavLink to="/coop/listings">{t('listings.nav')}</NavLink>
        <NavLink to="/coop/farms">{t('members.navFarms')}</NavLink>
        <NavLink to="/coop/members">{t('members.navMembers')}</NavLink>
        <NavLink to="/coop/payouts">{t('payouts.nav')}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}
