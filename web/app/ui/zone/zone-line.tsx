import { useI18n } from '../../i18n/i18n.ts';
import type { LiveView } from '../../irrigation/use-live.ts';
import type { MoistureBand } from '../../shop/irrigation-record.ts';

/** A zone in one line of the farm overview: moisture against its band, valve, mode, litres today. */
export function ZoneLine({ live, band }: { live: LiveView | null; band: MoistureBand | null }) {
  const { t, f } = useI18n();
  if (!live) return <div>{t('farm.noLive')}</div>;
  const dry = live.moisture !== null && band !== null && live.moisture < band.low;
  return (
    <>
      <div className={dry ? 'dry' : undefined} data-live="line">
        {t('farm.live', {
          moisture: live.moisture === null ? '—' : `${f.number(live.moisture)} %`,
          valve: t(live.valveOpen ? 'farm.valveOpen' : 'farm.valveClosed'),
          flow: f.number(live.flowLpm),
          litres: f.number(live.litresToday),
          mode: live.mode ? t(`mode.${live.mode}`) : '—',
          at: f.dateTime(live.at),
        })}
        {band ? (
          <span className="meta"> ({t('zone.bandLine', { low: f.number(band.low), high: f.number(band.high) })})</span>
        ) : null}
      </div>
      {live.alarm ? <div className="badge">{t('farm.alarm', { alarm: t(`alarm.${live.alarm}`) })}</div> : null}
    </>
  );
}
