import { type LoaderFunctionArgs, data, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { areaUser } from '../../auth/areas.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { notificationsSchema } from '../../notify/preferences-form.ts';
import { addPushSubscription, notificationsPage, saveChannels } from '../../notify/preferences.server.ts';
import { PushButton } from '../../notify/push-button.tsx';
import { Checkbox } from '../../ui/checkbox.tsx';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';

// Where a farmer hears about alarms: Web Push on their phones, Zalo, email (notify/). Their own
// settings only; a plain form that works without JavaScript, and a button that subscribes this
// device to push when it runs.

export const meta = pageTitle('title.notifications');

export async function loader({ context }: LoaderFunctionArgs) {
  return notificationsPage(db(), areaUser(context));
}

export const action = formAction(notificationsSchema, async (form, { context }) => {
  const user = areaUser(context);
  if (form.intent === 'subscribe') {
    await addPushSubscription(db(), user.id, form);
    return data({ subscribed: true });
  }
  await saveChannels(db(), user.id, form);
  return redirect('/farm/notifications?saved=1');
});

export default function Notifications() {
  const page = useLoaderData<typeof loader>();
  const form = useFormResult<typeof notificationsSchema>();
  const [searchParams] = useSearchParams();
  const saving = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <section className="narrow notifications">
      <p>
        <Link to="/farm">← {t('harvest.back')}</Link>
      </p>
      <h1>{t('notifications.title')}</h1>
      <p>{t('notifications.intro', { hours: page.reminderHours })}</p>
      {searchParams.get('saved') && !form.failed ? (
        <p role="status" className="done">
          {t('notifications.saved')}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <FormError form={form} />
        <input type="hidden" name="intent" value="channels" />
        <fieldset>
          <legend>{t('notifications.channels')}</legend>
          <Checkbox
            form={form}
            name="push"
            label="notifications.push"
            description="notifications.pushHint"
            defaultChecked={page.channels.push}
          />
          <p className="hint">
            {page.devices > 0 ? t('notifications.pushDevices', { count: page.devices }) : t('notifications.pushNone')}
          </p>
          {page.zaloAvailable ? (
            <Checkbox form={form} name="zalo" label="notifications.zalo" defaultChecked={page.channels.zalo} />
          ) : (
            <p className="hint">{t('notifications.zaloUnavailable')}</p>
          )}
          <Checkbox
            form={form}
            name="email"
            label="notifications.email"
            description={{ key: 'notifications.emailTo', params: { email: page.email } }}
            defaultChecked={page.channels.email}
          />
        </fieldset>
        {page.zaloAvailable ? (
          <Field
            form={form}
            name="zaloPhone"
            label="notifications.zaloPhone"
            description="notifications.zaloPhoneHint"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            defaultValue={page.zaloPhone}
          />
        ) : null}
        <button type="submit" disabled={saving}>
          {t(saving ? 'notifications.saving' : 'notifications.save')}
        </button>
      </Form>
      <section aria-labelledby="this-device" className="card">
        <h2 id="this-device">{t('notifications.thisDevice')}</h2>
        <PushButton vapidPublicKey={page.vapidPublicKey} />
        <noscript>
          <p className="hint">{t('notifications.pushNeedsScript')}</p>
        </noscript>
      </section>
    </section>
  );
}
