import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requireArea } from '../auth/session.server.ts';
import { db } from '../db.server.ts';
import { useI18n } from '../i18n/i18n.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { LIVE_REPORT } from '../irrigation/greenhouse-live.server.ts';
import { bridgeConnection } from '../irrigation/live.ts';

export const meta: MetaFunction = () => [{ title: 'Trang trại — Seedline' }];

/** A farmer sees their own farm; an admin sees every farm. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireArea(request, 'farm');
  const farms = await db().farm.findMany({
    where: user.role === 'ADMIN' ? {} : { id: user.farmId ?? '-' },
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
      greenhouses: farm.greenhouses.map((g) => ({ ...g, connection: bridgeConnection(g.lastSeenAt, now) })),
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
                            mode: t(`mode.${zone.live.mode}` as MessageKey),
                            at: f.dateTime(zone.live.at),
                          })
                        : t('farm.noLive')}
                    </div>
                    {zone.live?.alarm && <div className="badge">{t('farm.alarm', { alarm: zone.live.alarm })}</div>}
                    {zone.plantings.length === 0
                      ? ` — ${t('farm.noPlanting')}`
                      : zone.plantings.map((p) => (
                          <div key={p.id}>
                            {t('farm.planting', {
                              product: locale === 'vi' ? p.product.nameVi : p.product.nameEn,
                              status: t(`status.${p.status}`),
                              sown: p.sownOn ? f.day(p.sownOn) : '—',
                            })}
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
