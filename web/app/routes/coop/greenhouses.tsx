import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { registerSchema } from '../../coop/greenhouse-forms.ts';
import { defaultZoneSettings } from '../../coop/zone-defaults.ts';
import { farmGreenhouses, registerGreenhouse } from '../../coop/greenhouses.server.ts';
import { db } from '../../db.server.ts';
import { formAction, invalid } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { greenhouses } from '../../i18n/messages/greenhouses.ts';
import { zone } from '../../i18n/messages/zone.ts';
import { FormError } from '../../ui/form-error.tsx';
import { GreenhouseFields, ZoneFields } from '../../ui/greenhouse-fields.tsx';

// A member farm's greenhouses, and the admin's form that registers one with its first zone.
export const handle: CatalogHandle = { messages: [greenhouses, zone] };
export const meta = pageTitle('title.greenhouses');

export async function loader({ params, context }: LoaderFunctionArgs) {
  return { farm: await farmGreenhouses(db(), params.farmId ?? ''), admin: isAdmin(context) };
}

export const action = (args: ActionFunctionArgs) => {
  requireAdmin(args.context);
  return formAction(registerSchema, async (form, formArgs) => {
    const made = await registerGreenhouse(db(), args.params.farmId ?? '', form);
    if ('taken' in made) {
      const message = { key: 'greenhouses.errors.thingTaken' as const, params: { thing: form.thingName } };
      return invalid(formArgs, { fieldErrors: { thingName: message } }, 409);
    }
    return redirect(`/coop/greenhouses/${made.id}?done=registered`);
  })(args);
};

export default function Greenhouses() {
  const { farm, admin } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof registerSchema>();
  const { t, f } = useI18n();
  return (
    <section className="narrow members">
      <p>
        <Link to={`/coop/farms/${farm.id}`}>← {t('greenhouses.back', { farm: farm.name })}</Link>
      </p>
      <h1>{t('greenhouses.title', { farm: farm.name })}</h1>
      {farm.greenhouses.length === 0 ? <p>{t('greenhouses.empty')}</p> : null}
      <ul className="cards">
        {farm.greenhouses.map((g) => (
          <li key={g.id}>
            <Link to={`/coop/greenhouses/${g.id}`}>{g.name}</Link>
            <p className="wrap">
              {t('greenhouses.line', { thing: g.thingName, zones: g._count.zones, area: f.number(g.areaM2) })}
            </p>
            <p>
              {g.lastSeenAt ? t('greenhouses.lastSeen', { at: f.dateTime(g.lastSeenAt) }) : t('greenhouses.neverSeen')}
            </p>
          </li>
        ))}
      </ul>
      {admin ? (
        <>
          <h2 id="register">{t('greenhouses.register')}</h2>
          <Form method="post" noValidate aria-labelledby="register">
            <FormError form={form} />
            <GreenhouseFields form={form} />
            <fieldset>
              <legend>{t('greenhouses.firstZone')}</legend>
              <p className="hint">{t('greenhouses.firstZoneHint')}</p>
              <ZoneFields form={form} settings={defaultZoneSettings} />
            </fieldset>
            <button type="submit">{t('greenhouses.submit')}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}
