import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { localDateTime } from '@seedline/db';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { acknowledgeAlarm, changeZoneSettings, sendZoneCommand } from '../../irrigation/controls.server.ts';
import { desiredPublisher } from '../../irrigation/shadow-link.server.ts';
import { zoneFormSchema } from '../../irrigation/zone-forms.ts';
import { type LiveView, newer, useLiveGreenhouses } from '../../irrigation/use-live.ts';
import { zonePage } from '../../irrigation/zone-page.server.ts';
import { AlarmList } from '../../ui/alarm-list.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { ZoneCharts } from '../../ui/zone/zone-charts.tsx';
import { ZoneControls } from '../../ui/zone/zone-controls.tsx';
import { ZoneRequests, ZoneRuns } from '../../ui/zone/zone-history.tsx';
import { ZoneNow } from '../../ui/zone/zone-now.tsx';
import { ZoneSettingsForm } from '../../ui/zone/zone-settings-form.tsx';

export const meta = pageTitle('title.zone');

export async function loader({ context, params }: LoaderFunctionArgs) {
  const now = new Date();
  const page = await zonePage(db(), areaUser(context), params.zoneId ?? '', now);
  const running = page.runs.find((run) => run.status === 'RUNNING');
  return {
    ...page,
    runningSince: running?.startedAt ?? null,
    nowLocal: localDateTime(now),
    pauseDefault: localDateTime(new Date(now.getTime() + 2 * 3_600_000)),
  };
}

// Each form posts its intent; what the bridge makes of it shows on the page it comes back to.
export const action = (args: ActionFunctionArgs) =>
  formAction(zoneFormSchema(new Date()), async (form, { context, params }) => {
    const zoneId = params.zoneId ?? '';
    const user = areaUser(context);
    if (form.intent === 'settings') {
      await changeZoneSettings(db(), desiredPublisher, user, zoneId, form.settings);
    } else if (form.intent === 'acknowledge') {
      await acknowledgeAlarm(db(), desiredPublisher, user, form.alarmId);
    } else {
      const command =
        form.intent === 'run'
          ? { kind: form.intent, minutes: form.minutes }
          : form.intent === 'pause'
            ? { kind: form.intent, until: form.until }
            : { kind: form.intent };
      await sendZoneCommand(db(), desiredPublisher, user, zoneId, command);
    }
    const anchor = form.intent === 'settings' ? 'settings' : form.intent === 'acknowledge' ? 'alarms' : 'controls';
    return redirect(`/farm/zones/${zoneId}?sent=${form.intent}#${anchor}`);
  })(args);

export default function Zone() {
  const page = useLoaderData<typeof loader>();
  const form = useFormResult<ReturnType<typeof zoneFormSchema>>();
  const [searchParams] = useSearchParams();
  const { t, f } = useI18n();
  const open = page.alarms.filter((alarm) => !alarm.clearedAt);
  const live = newer<LiveView>(page.live, useLiveGreenhouses([page.greenhouse.id])[page.zone.id]);
  return (
    <section className="zone-page">
      <p>
        <Link to="/farm">← {t('zone.back')}</Link>
      </p>
      <h1>
        {page.zone.name} <span className="meta">({page.zone.key})</span>
      </h1>
      <p className="meta">
        {t('zone.where', { greenhouse: page.greenhouse.name, area: f.number(page.zone.areaM2) })} ·{' '}
        {page.greenhouse.connection.state === 'never-seen'
          ? t('farm.neverSeen')
          : t(page.greenhouse.connection.state === 'online' ? 'farm.online' : 'farm.offline', {
              at: f.dateTime(page.greenhouse.connection.lastSeenAt),
            })}
      </p>
      {searchParams.get('sent') && !form.failed ? (
        <p role="status" className="done">
          {t('zone.sent')}
        </p>
      ) : null}
      <FormError form={form} />
      {open.length > 0 ? (
        <section className="alarms" id="alarms" aria-labelledby="open-alarms">
          <h2 id="open-alarms">{t('farm.openAlarms')}</h2>
          <AlarmList alarms={open} />
        </section>
      ) : null}
      <ZoneNow live={live} band={page.band} runningSince={page.runningSince} />
      <ZoneControls
        form={form}
        mode={live?.mode ?? null}
        commandPending={page.commandPending}
        now={page.nowLocal}
        pauseDefault={page.pauseDefault}
      />
      <ZoneCharts charts={page.charts} band={page.band} />
      <ZoneSettingsForm form={intentForm(form, 'settings')} settings={page.settings} status={page.settingsStatus} />
      <ZoneRuns runs={page.runs} />
      <ZoneRequests requests={page.requests} />
      <section aria-labelledby="alarm-history">
        <h2 id="alarm-history">{t('zone.alarms')}</h2>
        {page.alarms.length === 0 ? <p>{t('zone.noAlarms')}</p> : <AlarmList alarms={page.alarms} history />}
      </section>
    </section>
  );
}
