import { type Formats, type Message, type MessageKey, useI18n } from '../../i18n/i18n.ts';
import { zone } from '../../i18n/messages/zone.ts';
import { bridgeReason } from '../../irrigation/bridge-reasons.ts';
import type { ZonePage } from '../../irrigation/zone-page.server.ts';

type Request = ZonePage['requests'][number];
type Run = ZonePage['runs'][number];

/** The rules there is a text for; a rule a newer bridge sends is shown as unknown until there is. */
const ruleKeys = new Set<string>(Object.keys(zone.vi).filter((key) => key.startsWith('rule.')));
const ruleKey = (rule: string | null): MessageKey => {
  const key = `rule.${rule}`;
  return ruleKeys.has(key) ? (key as MessageKey) : 'rule.unknown';
};

/** The zone's runs of the last week: when, how much, and which rule opened and closed the valve. */
export function ZoneRuns({ runs }: { runs: readonly Run[] }) {
  const { t, f } = useI18n();
  const rule = (r: string | null) => t(ruleKey(r));
  return (
    <section aria-labelledby="runs">
      <h2 id="runs">{t('zone.runs')}</h2>
      {runs.length === 0 ? <p>{t('zone.noRuns')}</p> : null}
      <ul className="runs">
        {runs.map((run) => (
          <li key={run.id} className={run.startRule === 'fallback-et' ? 'fallback' : undefined}>
            {t('zone.runLine', {
              from: f.dateTime(run.startedAt),
              to: run.endedAt ? f.time(run.endedAt) : t('zone.runOpen'),
              litres: f.number(run.litres),
            })}
            <br />
            <span className="meta">
              {t('zone.runRules', { start: rule(run.startRule), stop: run.stopRule ? rule(run.stopRule) : '—' })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Who asked the zone (or its greenhouse) for what, when, and what the bridge answered. */
export function ZoneRequests({ requests }: { requests: readonly Request[] }) {
  const { t, f } = useI18n();
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t('zone.history')}</h2>
      {requests.length === 0 ? <p>{t('zone.noHistory')}</p> : null}
      <ul className="requests">
        {requests.map((r) => (
          <li key={r.id} className={r.status.toLowerCase()}>
            {t('zone.historyLine', { at: f.dateTime(r.requestedAt), by: r.by, what: t(describe(r, f)) })}
            <br />
            <span className="meta">
              {r.status === 'REFUSED'
                ? t('requestStatus.REFUSED', { reason: t(bridgeReason(r.reason ?? '')) })
                : t(`requestStatus.${r.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a request asked for, from what was sent (the settings whole, or the shadow command). */
function describe(request: Request, f: Formats): Message {
  const detail = (request.detail ?? {}) as Record<string, unknown>;
  const n = (key: string) => (typeof detail[key] === 'number' ? f.number(detail[key] as number) : '—');
  switch (request.kind) {
    case 'settings':
      return {
        key: 'request.settings',
        params: {
          low: n('moistureLow'),
          high: n('moistureHigh'),
          maxRun: n('maxRunMinutes'),
          budget: n('dailyBudgetLitres'),
        },
      };
    case 'run':
      return { key: 'request.run', params: { minutes: n('minutes') } };
    case 'pause':
      return {
        key: 'request.pause',
        params: { until: typeof detail.until === 'number' ? f.dateTime(new Date(detail.until)) : '—' },
      };
    case 'acknowledge':
      return {
        key: 'request.acknowledge',
        params: { alarm: { key: detail.alarm === 'leak' ? 'alarm.leak' : 'alarm.no-flow' } },
      };
    case 'stop':
    case 'resume':
    case 'off':
    case 'auto':
      return { key: `request.${request.kind}` };
    default:
      return { key: 'rule.unknown' };
  }
}
