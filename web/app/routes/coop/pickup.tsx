import { redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { db } from '../../db.server.ts';
import { stopScheduleSchema, weekdayFields, weekdayName } from '../../fulfilment/forms.ts';
import { clockText } from '../../fulfilment/schedule.ts';
import { pickupOverview, stopSchedule } from '../../fulfilment/staff.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { type MessageKey, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { formatTimeRange, formatWindowDay } from '../../ui/date-time.ts';
import { FormError } from '../../ui/form-error.tsx';
import { groupBy } from '../../ui/group-by.ts';

export const meta = pageTitle('title.pickup');

export async function loader() {
  return pickupOverview(db(), new Date());
}

export const action = formAction(stopScheduleSchema, async (form) => {
  await stopSchedule(db(), form.scheduleId, new Date());
  return redirect('/coop/pickup?stopped=1#schedules');
});

const stateKey = {
  open: 'pickup.window.open',
  full: 'pickup.window.full',
  closed: 'pickup.window.closed',
} as const satisfies Record<string, MessageKey>;

export default function Pickup() {
  const { points, schedules, windows } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof stopScheduleSchema>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const days = (weekdays: readonly number[]) =>
    weekdayFields
      .filter((d) => weekdays.includes(d))
      .map((d) => t(weekdayName[d]))
      .join(', ');
  return (
    <section className="pickup">
      <h1>{t('pickup.title')}</h1>
      <p>{t('pickup.intro')}</p>
      <FormError form={form} />
      {searchParams.get('stopped') && !form.failed ? (
        <p role="status" className="done">
          {t('pickup.schedule.stopped')}
        </p>
      ) : null}
      {searchParams.get('added') ? (
        <p role="status" className="done">
          {t('pickup.schedule.added')}
        </p>
      ) : null}

      <h2 id="windows">{t('pickup.windows')}</h2>
      {windows.length === 0 ? <p>{t('pickup.noWindows')}</p> : null}
      {groupBy(windows, (w) => formatWindowDay(locale, w.startsAt)).map(([day, ofDay]) => (
        <section key={day} className="window-day" aria-label={day}>
          <h3>{day}</h3>
          <ul className="window-list">
            {ofDay.map((w) => (
              <li key={w.id} className={`window-${w.state}`}>
                <Link to={`/coop/pickup/windows/${w.id}`}>
                  {formatTimeRange(locale, w.startsAt, w.endsAt)} · {w.pickupPoint?.name ?? t('pickup.window.delivery')}
                </Link>
                <br />
                {t('pickup.window.bookedOf', { booked: w.booked, capacity: w.capacity })} ·{' '}
                <span className={w.state === 'open' ? undefined : 'badge'}>{t(stateKey[w.state])}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <h2 id="schedules">{t('pickup.schedules')}</h2>
      {schedules.length === 0 ? <p>{t('pickup.noSchedules')}</p> : null}
      <ul className="schedule-list">
        {schedules.map((s) => {
          const where = s.pickupPoint?.name ?? t('pickup.window.delivery');
          const line = t('pickup.schedule.line', {
            days: days(s.weekdays),
            from: clockText(s.startMinute),
            to: clockText(s.endMinute),
            capacity: s.capacity,
            opens: s.opensDaysBefore,
            closes: s.closesHoursBefore,
          });
          return (
            <li key={s.id}>
              <strong>{where}</strong>
              <br />
              {line}
              <Form method="post">
                <input type="hidden" name="scheduleId" value={s.id} />
                <button
                  type="submit"
                  className="secondary"
                  aria-label={t('pickup.schedule.stopLabel', { what: `${where}: ${line}` })}
                >
                  {t('pickup.schedule.stop')}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
      <p>
        <Link to="/coop/pickup/schedules/new" className="button">
          {t('pickup.schedule.add')}
        </Link>
      </p>

      <h2 id="points">{t('pickup.points')}</h2>
      <ul className="point-list">
        {points.map((p) => (
          <li key={p.id} className={p.active ? undefined : 'retired'}>
            <strong>{p.name}</strong>
            {p.active ? null : <span className="badge"> {t('pickup.point.stoppedTag')}</span>}
            <br />
            {p.address}, {p.commune}, {p.province}
            {p.hours ? (
              <>
                <br />
                {p.hours}
              </>
            ) : null}
            <br />
            <Link to={`/coop/pickup/points/${p.id}`} aria-label={`${t('pickup.point.edit')}: ${p.name}`}>
              {t('pickup.point.edit')}
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/coop/pickup/points/new" className="button">
          {t('pickup.point.add')}
        </Link>
      </p>
    </section>
  );
}
