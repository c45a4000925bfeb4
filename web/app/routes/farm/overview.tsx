import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { farmsOf } from '../../farm/scope.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { LIVE_REPORT, namedReport } from '../../irrigation/greenhouse-live.server.ts';
import { bridgeConnection } from '../../irrigation/live.ts';
import { openAlarmLines } from '../../irrigation/open-alarms.ts';

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
            select: { id: true, kind: true, raisedAt: true, zone: { select: { name: true } } },
          },
          zones: {
            orderBy: { key: 'asc' },
            select: {
              id: true,
              key: true,
              name: true,
              areaM2: true,
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
    farms: farms.map((farm) => ({
      ...farm,
      greenhouses: farm.greenhouses.map(({ alarms, ...g }) => ({
        ...g,
        alarms: openAlarmLines(alarms),
        connection: bridgeConnection(g.lastSeenAt, now),
        zones: g.zones.map((zone) => ({ ...zone, live: zone.live && namedReport(zone.live) })),
      })),
    })),
  };
}

export default function Farm() {
  const { farms } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  return (
    <>
      <h1>{t('farm.title')}</h1>
      {farms.map((farm) => (
        <section key={farm.id} aria-label={farm.name}>
          <h2>
            {farm.name} · {farm.commune}
          </h2>
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
              {greenhouse.connection.state === 'offline' ? <p className="advice">{t('alarmAdvice.offline')}</p> : null}
              {greenhouse.alarms.length > 0 ? (
                <section className="alarms" aria-label={t('farm.openAlarms')}>
                  <h4>{t('farm.openAlarms')}</h4>
                  <ul>
                    {greenhouse.alarms.map((alarm) => (
                      <li key={alarm.id}>
                        <strong>
                          {t('farm.alarmWhere', {
                            alarm: t(`alarm.${alarm.kind}`),
                            where: alarm.zone ?? t('farm.wholeGreenhouse'),
                            since: f.dateTime(alarm.since),
                          })}
                        </strong>
                        <p className="advice">{t(`alarmAdvice.${alarm.kind}`)}</p>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              <ul>
                {greenhouse.zones.map((zone) => (
                  <li key={zone.id}>
                    <strong>
                      {zone.name} ({zone.key}, {zone.areaM2} m²)
                    </strong>
                    <div>
                      {zone.live
                        ? t('farm.live', {
                            moisture: zone.live.moisture === null ? '—' : `${f.number(zone.live.moisture)} %`,
                            valve: t(zone.live.valveOpen ? 'farm.valveOpen' : 'farm.valveClosed'),
                            flow: f.number(zone.live.flowLpm),
                            litres: f.number(zone.live.litresToday),
                            mode: zone.live.mode ? t(`mode.${zone.live.mode}`) : '—',
                            at: f.dateTime(zone.live.at),
                          })
                        : t('farm.noLive')}
                    </div>
                    {zone.live?.alarm ? (
                      <div className="badge">{t('farm.alarm', { alarm: t(`alarm.${zone.live.alarm}`) })}</div>
                    ) : null}
                    {zone.plantings.length === 0
                      ? ` — ${t('farm.noPlanting')}`
                      : zone.plantings.map((p) => (
                          <div key={p.id} className="planting">
                            {t('farm.planting', {
                              product: locale === 'vi' ? p.product.nameVi : p.product.nameEn,
                              status: t(`status.${p.status}`),
                              sown: p.sownOn ? f.day(p.sownOn) : '—',
                            })}{' '}
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
