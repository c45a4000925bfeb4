import { useI18n } from '../../i18n/i18n.ts';
import type { ZonePage } from '../../irrigation/zone-page.server.ts';
import { MoistureChart } from '../moisture-chart.tsx';

type Chart = ZonePage['charts']['day'];

/** The last day and the last week of moisture, the band shaded, gaps left as gaps. */
export function ZoneCharts({ charts, band }: Pick<ZonePage, 'charts' | 'band'>) {
  const { t, f } = useI18n();
  const summary = (chart: Chart, format: (d: Date) => string) => {
    const known = chart.moisture.filter((m): m is number => m !== null);
    if (known.length === 0) return t('zone.chartEmpty');
    let gaps = 0;
    chart.moisture.forEach((m, i) => {
      if (m === null && (i === 0 || chart.moisture[i - 1] !== null)) gaps++;
    });
    return t('zone.chartSummary', {
      from: format(chart.from),
      to: format(chart.to),
      min: f.number(Math.min(...known)),
      max: f.number(Math.max(...known)),
      band: band ? `${f.number(band.low)}–${f.number(band.high)} %` : '—',
      gaps,
    });
  };
  const day = (d: Date) => f.dateTime(d);
  const week = (d: Date) => f.date(d);
  return (
    <div className="zone-charts">
      {[
        { chart: charts.day, title: t('zone.chartDay'), format: day, text: summary(charts.day, day) },
        { chart: charts.week, title: t('zone.chartWeek'), format: week, text: summary(charts.week, week) },
      ].map(({ chart, title, format, text }) => (
        <section key={title}>
          <h2>{title}</h2>
          <MoistureChart
            moisture={chart.moisture}
            band={band}
            from={chart.from}
            to={chart.to}
            title={title}
            axis={[format(chart.from), format(chart.to)]}
            summary={text}
          />
          <p className="meta">{text}</p>
        </section>
      ))}
    </div>
  );
}
