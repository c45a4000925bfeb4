import { useI18n } from '../i18n/i18n.ts';
import type { IrrigationRecord } from '../shop/irrigation-record.ts';
import { MoistureChart } from './moisture-chart.tsx';

/** Gaps listed by name; the rest are counted (a flaky link can leave hundreds of short ones). */
const LISTED_GAPS = 5;

/** The zone's measured irrigation while the batch grew: a timeline entry of the batch page. */
export function IrrigationEntry({ record }: { record: IrrigationRecord | null }) {
  const { t, f } = useI18n();
  return (
    <li className="log irrigation" data-kind="IRRIGATION">
      {record ? (
        <time dateTime={new Date(record.from).toISOString()}>
          {f.date(record.from)} – {f.date(record.to)}
        </time>
      ) : null}
      <h3>{t('irrigation.title')}</h3>
      {record === null ? (
        <p>{t('irrigation.noPeriod')}</p>
      ) : record.status === 'none' ? (
        <p className="no-data">{t('irrigation.none')}</p>
      ) : (
        <Measured record={record} />
      )}
    </li>
  );
}

function Measured({ record }: { record: Extract<IrrigationRecord, { status: 'measured' }> }) {
  const { t, f } = useI18n();
  const missing = record.hoursInPeriod - record.hoursWithData;
  const longest = [...record.gaps].sort((a, b) => b.hours - a.hours).slice(0, LISTED_GAPS);
  const listed = record.gaps.filter((gap) => longest.includes(gap));
  const overview = [
    record.moistureRange
      ? t('irrigation.chartRange', { min: f.number(record.moistureRange.min), max: f.number(record.moistureRange.max) })
      : null,
    record.band
      ? t('irrigation.chartBand', { low: f.number(record.band.low), high: f.number(record.band.high) })
      : null,
  ]
    .filter((line) => line !== null)
    .join(' ');
  const gapsHeading = missing === 0 ? t('irrigation.noGaps') : t('irrigation.gaps', { hours: f.number(missing) });
  const gapLines = listed.map((gap) =>
    t('irrigation.gap', { from: f.dateTime(gap.from), to: f.dateTime(gap.to), hours: f.number(gap.hours) }),
  );
  if (record.gaps.length > listed.length) {
    gapLines.push(t('irrigation.moreGaps', { count: record.gaps.length - listed.length }));
  }
  const summary = [overview, gapsHeading, ...gapLines].join(' ');
  return (
    <>
      <dl className="figures">
        <div>
          <dt>{t('irrigation.water')}</dt>
          <dd>
            {record.litresPerM2 === null
              ? t('irrigation.waterTotal', { litres: f.number(record.litres) })
              : t('irrigation.waterValue', {
                  perM2: f.number(record.litresPerM2),
                  litres: f.number(Math.round(record.litres)),
                })}
          </dd>
        </div>
        <div>
          <dt>{t('irrigation.runs')}</dt>
          <dd>
            {f.number(record.runs)}
            {record.fallbackRuns > 0 ? ` ${t('irrigation.fallbackRuns', { n: f.number(record.fallbackRuns) })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('irrigation.inBand')}</dt>
          <dd>
            {record.inBandShare === null
              ? t('irrigation.noBand')
              : t('irrigation.inBandValue', { percent: Math.round(record.inBandShare * 100) })}
          </dd>
        </div>
        <div>
          <dt>{t('irrigation.coverage')}</dt>
          <dd>
            {t('irrigation.coverageValue', {
              measured: f.number(record.hoursWithData),
              all: f.number(record.hoursInPeriod),
            })}
          </dd>
        </div>
      </dl>
      <MoistureChart
        moisture={record.moisture}
        band={record.band}
        from={record.from}
        to={record.to}
        summary={summary}
      />
      <div className="chart-summary">
        {overview ? <p>{overview}</p> : null}
        <p className={missing > 0 ? 'gaps' : undefined}>{gapsHeading}</p>
        {gapLines.length > 0 ? (
          <ul className="gap-list">
            {gapLines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  );
}
