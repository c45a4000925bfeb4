import { useId } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import type { MoistureBand } from '../shop/irrigation-record.ts';
import { moistureChart } from './moisture-chart.ts';

type Props = {
  moisture: readonly (number | null)[];
  band: MoistureBand | null;
  from: Date | string;
  to: Date | string;
  /** The chart's text equivalent (range, band, gaps), also shown beside it. */
  summary: string;
  /** Another title than the growing period's, and other ends of the time axis than its days. */
  title?: string;
  axis?: readonly [string, string];
};

/** Hourly soil moisture over the growing period, drawn on the server: no chart library, no script. */
export function MoistureChart({ moisture, band, from, to, summary, ...options }: Props) {
  const { t, f } = useI18n();
  const id = useId();
  const chart = moistureChart(moisture, band);
  const title = options.title ?? t('irrigation.chartTitle', { from: f.date(from), to: f.date(to) });
  const [start, end] = options.axis ?? [f.date(from), f.date(to)];
  return (
    <figure className="moisture-chart">
      <div className="chart-frame">
        <span className="axis-top" aria-hidden="true">
          {chart.top}%
        </span>
        <svg
          viewBox={`0 0 ${chart.width} ${chart.height}`}
          preserveAspectRatio="none"
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {chart.band ? (
            <rect className="band" x={0} y={chart.band.y} width={chart.width} height={chart.band.height} />
          ) : null}
          {chart.gaps.map((gap) => (
            <rect key={gap.x} className="gap" x={gap.x} y={0} width={gap.width} height={chart.height} />
          ))}
          <path className="line" d={chart.line} vectorEffect="non-scaling-stroke" />
        </svg>
        <span className="axis-bottom" aria-hidden="true">
          {chart.bottom}%
        </span>
      </div>
      <div className="axis-x" aria-hidden="true">
        <span>{start}</span>
        <span>{end}</span>
      </div>
      <figcaption>
        <ul className="legend" aria-hidden="true">
          <li className="legend-line">{t('irrigation.legendLine')}</li>
          {band ? <li className="legend-band">{t('irrigation.legendBand')}</li> : null}
          <li className="legend-gap">{t('irrigation.legendGap')}</li>
        </ul>
      </figcaption>
    </figure>
  );
}
