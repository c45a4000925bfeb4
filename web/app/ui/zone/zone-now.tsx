import { useI18n } from '../../i18n/i18n.ts';
import type { LiveView } from '../../irrigation/use-live.ts';
import type { ZonePage } from '../../irrigation/zone-page.server.ts';

type Props = Pick<ZonePage, 'band'> & { live: LiveView | null; runningSince: Date | null };

/** Where the zone stands now, as its bridge last reported it: the first thing the farmer reads. */
export function ZoneNow({ live, band, runningSince }: Props) {
  const { t, f } = useI18n();
  if (!live) return <p className="card">{t('farm.noLive')}</p>;
  const dry = live.moisture !== null && band !== null && live.moisture < band.low;
  return (
    <section className="card zone-now" aria-labelledby="zone-now" data-live-at={new Date(live.at).toISOString()}>
      <h2 id="zone-now">{t('zone.now')}</h2>
      <dl>
        <div className={dry ? 'dry' : undefined}>
          <dt>{t('zone.moisture')}</dt>
          <dd data-live="moisture">
            <strong>{live.moisture === null ? '—' : `${f.number(live.moisture)} %`}</strong>
            {band ? (
              <span className="meta">
                {' '}
                {t('zone.bandLine', { low: f.number(band.low), high: f.number(band.high) })}
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('zone.valve')}</dt>
          <dd data-live="valve">
            {t(live.valveOpen ? 'farm.valveOpen' : 'farm.valveClosed')}
            {live.valveOpen ? ` · ${t('zone.flow', { flow: f.number(live.flowLpm) })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('zone.mode')}</dt>
          <dd data-live="mode">{live.mode ? t(`mode.${live.mode}`) : '—'}</dd>
        </div>
        <div>
          <dt>{t('zone.today')}</dt>
          <dd data-live="litres">{t('zone.litres', { litres: f.number(live.litresToday) })}</dd>
        </div>
      </dl>
      {runningSince ? <p className="running">{t('zone.running', { since: f.time(runningSince) })}</p> : null}
      <p className="meta" data-live="at">
        {t('zone.at', { at: f.dateTime(live.at) })}
      </p>
    </section>
  );
}
