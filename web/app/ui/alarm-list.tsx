import { Form, useNavigation } from '@remix-run/react';
import { useI18n } from '../i18n/i18n.ts';
import type { AlarmLine } from '../irrigation/open-alarms.ts';

type Props = {
  alarms: readonly AlarmLine[];
  /** The form's action (the page's own by default): it takes `intent=acknowledge` and `alarmId`. */
  action?: string;
  /** Show when each closed (the history) rather than only what is open now. */
  history?: boolean;
};

/**
 * Alarms with what to do about each, and for a latched one (leak, no-flow) the button that
 * acknowledges it: a plain form, so it works without JavaScript and with one thumb.
 */
export function AlarmList({ alarms, action, history = false }: Props) {
  const { t, f } = useI18n();
  const busy = useNavigation().formData?.get('intent') === 'acknowledge';
  return (
    <ul className="alarm-list">
      {alarms.map((alarm) => (
        <li key={alarm.id} className={alarm.clearedAt ? 'cleared' : 'open'}>
          <strong>
            {t('farm.alarmWhere', {
              alarm: t(`alarm.${alarm.kind}`),
              where: alarm.zone ?? t('farm.wholeGreenhouse'),
              since: f.dateTime(alarm.since),
            })}
          </strong>
          {history ? (
            <span className="meta">
              {' · '}
              {alarm.clearedAt ? t('zone.alarmCleared', { at: f.dateTime(alarm.clearedAt) }) : t('zone.alarmOpen')}
            </span>
          ) : null}
          {alarm.clearedAt ? null : <p className="advice">{t(`alarmAdvice.${alarm.kind}`)}</p>}
          {alarm.ack === 'needed' ? (
            <Form method="post" action={action} className="inline">
              <input type="hidden" name="intent" value="acknowledge" />
              <input type="hidden" name="alarmId" value={alarm.id} />
              <button type="submit" disabled={busy}>
                {t('zone.acknowledge')}
              </button>
            </Form>
          ) : alarm.ack === 'pending' ? (
            <p className="pending" role="status">
              {t('zone.ackPending')}
            </p>
          ) : alarm.ack === 'done' && !alarm.clearedAt ? (
            <p className="meta">{t('zone.ackDone')}</p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
