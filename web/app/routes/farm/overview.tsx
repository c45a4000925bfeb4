import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { farmsOf } from '../../farm/scope.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { acknowledgeAlarm } from '../../irrigation/controls.server.ts';
import { LIVE_REPORT, namedReport } from '../../irrigation/greenhouse-live.server.ts';
import { bridgeConnection } from '../../irrigation/live.ts';
import { openAlarmLines } from '../../irrigation/open-alarms.ts';
import { desiredPublisher } from '../../irrigation/shadow-link.server.ts';
import { acknowledgeForm } from '../../irrigation/zone-forms.ts';
import { type LiveView, newer, useLiveGreenhouses } from '../../irrigation/use-live.ts';
import { moistureBand } from '../../shop/irrigation-record.ts';
import { AlarmList } from '../../ui/alarm-list.tsx';
import { ZoneLine } from '../../ui/zone/zone-line.tsx';
import { FormError } from '../../ui/form-error.tsx';

export const meta = pageTitle('title.farm');

/** A farmer sees their own farm; an admin sees every farm. */
export async function loader({ context }: LoaderFunctionArgs) {
  const farms = await db().farm.findMany({
    where: farmsOf(areaUser(context)),
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      commune: true,
      greenhouses: {
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          thingName: true,
          lastSeenAt: true,
          alarms: {
            where: { clearedAt: null },
            select: {
              id: true,
              kind: true,
              raisedAt: true,
              acknowledgedAt: true,
              zone: { select: { name: true } },
              acknowledgements: { where: { status: 'PENDING' }, select: { id: true } },
            },
          },
          zones: {
            orderBy: { key: 'asc' },
            select: {
              id: true,
              key: true,
              name: true,
              areaM2: true,
              desiredSettings: true,
              live: { select: LIVE_REPORT },
              plantings: {
                where: { status: { in: ['PLANNED', 'GROWING', 'HARVESTING'] } },
                select: { id: true, status: true, sownOn: true, product: { select: { nameVi: true, nameEn: true } } },
              },
            },
          },
        },
      },
    },
  });
  const now = new Date();
  return {
    // The page says how old it is: read offline from the service worker's copy, it may be hours.
    asOf: now,
    farms: farms.map((farm) => ({
      ...farm,
      greenhouses: farm.greenhouses.map(({ alarms, ...g }) => ({
        ...g,
        alarms: openAlarmLines(alarms),
        connection: bridgeConnection(g.lastSeenAt, now),
        zones: g.zones.map(({ desiredSettings, ...zone }) => ({
          ...zone,
          band: moistureBand(desiredSettings),
          live: zone.live && namedReport(zone.live),
        })),
      })),
    })),
  };
}

/** A latched alarm acknowledged from the overview, as from the zone page. */
export const action = formAction(acknowledgeForm, async (form, { context }) => {
  await acknowledgeAlarm(db(), desiredPublisher, areaUser(context), form.alarmId);
  return redirect('/farm');
});

export default function Farm() {
  const { farms, asOf } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof acknowledgeForm>();
  const { t, f, locale } = useI18n();
  const liveZones = useLiveGreenhouses(farms.flatMap((farm) => farm.greenhouses.map((g) => g.id)));
  return (
    <>
      <h1>{t('farm.title')}</h1>
      <p className="meta as-of">
        {t('zone.asOf', { at: f.dateTime(asOf) })} · <Link to="/farm/notifications">{t('title.notifications')}</Link>
      </p>
      <FormError form={form} includeFields />
      {farms.map((farm) => (
        <section key={farm.id} aria-label={farm.name}>
          <h2>
            {farm.name} · {farm.commune}
          </h2>
          {/* Records that start a season (the planting's own records are under each planting). */}
          <nav className="record-links" aria-label={`${t('records.title')}: ${farm.name}`}>
            <span>{`${t('records.title')}:`}</span>{' '}
            <Link to={`/farm/farms/${farm.id}/seed-lots`} className="button secondary">
              {t('records.seedLot')}
            </Link>{' '}
            <Link to={`/farm/farms/${farm.id}/plantings`} className="button secondary">
              {t('records.planting')}
            </Link>
          </nav>
          {farm.greenhouses.map((greenhouse) => (
            <div key={greenhouse.id} className="card">
              <h3>
                {greenhouse.name} <code>{greenhouse.thingName}</code>
              </h3>
              <p className={greenhouse.connection.state === 'online' ? 'by' : 'badge'}>
                {greenhouse.connection.state === 'never-seen'
                  ? t('farm.neverSeen')
                  : t(greenhouse.connection.state === 'online' ? 'farm.online' : 'farm.offline', {
                      at: f.dateTime(greenhouse.connection.lastSeenAt),
                    })}
              </p>
              {/* Once the bridge-offline alarm opens (15 min), it carries the advice. */}
              {greenhouse.connection.state === 'offline' &&
              !greenhouse.alarms.some((a) => a.kind === 'bridge-offline') ? (
                <p className="advice">{t('alarmAdvice.offline')}</p>
              ) : null}
              {greenhouse.alarms.length > 0 ? (
                <section className="alarms" aria-label={t('farm.openAlarms')}>
                  <h4>{t('farm.openAlarms')}</h4>
                  <AlarmList alarms={greenhouse.alarms} />
                </section>
              ) : null}
              <ul>
                {greenhouse.zones.map((zone) => (
                  <li key={zone.id}>
                    <strong>
                      <Link to={`/farm/zones/${zone.id}`}>{zone.name}</Link> ({zone.key}, {zone.areaM2} m²)
                    </strong>
                    <ZoneLine live={newer<LiveView>(zone.live, liveZones[zone.id])} band={zone.band} />
                    {zone.plantings.length === 0
                      ? ` — ${t('farm.noPlanting')}`
                      : zone.plantings.map((p) => (
                          <div key={p.id} className="planting">
                            {t('farm.planting', {
                              product: locale === 'vi' ? p.product.nameVi : p.product.nameEn,
                              status: t(`status.${p.status}`),
                              sown: p.sownOn ? f.day(p.sownOn) : '—',
                            })}{' '}
                            <Link to={`/farm/plantings/${p.id}/records`}>{t('records.toRecords')}</Link>{' '}
                            <a href={`/farm/plantings/${p.id}/record-book.pdf`}>{t('harvest.recordBook')}</a>{' '}
                            {p.status === 'GROWING' || p.status === 'HARVESTING' ? (
                              <Link to={`/farm/plantings/${p.id}/harvest`} className="button secondary">
                                {t('harvest.record')}
                              </Link>
                            ) : null}
                          </div>
                        ))}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
