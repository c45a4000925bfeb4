import { type ActionFunctionArgs, type LoaderFunctionArgs, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { greenhousePageSchema } from '../../coop/greenhouse-forms.ts';
import { defaultZoneSettings } from '../../coop/zone-defaults.ts';
import { addZone, greenhouse } from '../../coop/greenhouses.server.ts';
import { localBroker, provisionLocal } from '../../coop/provision.server.ts';
import { db } from '../../db.server.ts';
import { env } from '../../env.server.ts';
import { formAction, invalid } from '../../forms/form-action.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../../i18n/i18n.ts';
import { greenhouses } from '../../i18n/messages/greenhouses.ts';
import { zone } from '../../i18n/messages/zone.ts';
import { BridgeFiles, ProvisionCommand } from '../../ui/bridge-files.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { ZoneFields } from '../../ui/greenhouse-fields.tsx';

// One greenhouse: its zones, the admin's form that adds one, and what its bridge needs (decision 019).
export const handle: CatalogHandle = { messages: [greenhouses, zone] };
export const meta = pageTitle('title.greenhouse');

export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await greenhouse(db(), params.greenhouseId ?? '');
  return { greenhouse: found, admin: isAdmin(context), local: localBroker(env()) !== null };
}

export const action = (args: ActionFunctionArgs) => {
  requireAdmin(args.context);
  const id = args.params.greenhouseId ?? '';
  return formAction(greenhousePageSchema, async (form, formArgs) => {
    if (form.intent === 'zone') {
      const made = await addZone(db(), id, form.zone);
      if (!('taken' in made)) return redirect(`/coop/greenhouses/${id}?done=zoneAdded`);
      const message = { key: 'greenhouses.errors.keyTaken' as const, params: { key: form.zone.key } };
      return invalid(formArgs, { fieldErrors: { key: message } }, 409);
    }
    const local = localBroker(env());
    if (!local) return invalid(formArgs, { formError: { key: 'greenhouses.localOff' } }, 409);
    // The private key is in this answer only: no cache may keep it.
    const issued = await provisionLocal(db(), id, local);
    return data({ issued }, { headers: { 'Cache-Control': 'no-store' } });
  })(args);
};

export default function Greenhouse() {
  const { greenhouse: g, admin, local } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const form = useFormResult<typeof greenhousePageSchema>();
  const [searchParams] = useSearchParams();
  const { t, f } = useI18n();
  const done = searchParams.get('done');
  const issued = answer && 'issued' in answer ? answer.issued : null;
  return (
    <section className="narrow members">
      <p>
        <Link to={`/coop/farms/${g.farm.id}/greenhouses`}>← {t('greenhouses.backToList', { farm: g.farm.name })}</Link>
      </p>
      <h1>{g.name}</h1>
      <p className="wrap">
        <code>{g.thingName}</code> · {f.number(g.areaM2)} m²
      </p>
      <p>{g.lastSeenAt ? t('greenhouses.lastSeen', { at: f.dateTime(g.lastSeenAt) }) : t('greenhouses.neverSeen')}</p>
      {done === 'registered' || done === 'zoneAdded' ? (
        <p role="status" className="done">
          {t(done === 'registered' ? 'greenhouses.registered' : 'greenhouses.zoneAdded')}
        </p>
      ) : null}
      <h2>{t('greenhouses.zones')}</h2>
      <ul className="cards">
        {g.zones.map((z) => (
          <li key={z.id}>
            <strong>{z.name}</strong>
            <p>
              {t('greenhouses.zoneLine', { key: z.key, area: f.number(z.areaM2) })}
              {z.crop ? ` · ${z.crop}` : null}
            </p>
          </li>
        ))}
      </ul>
      <h2 id="bridge">{t('greenhouses.bridge')}</h2>
      {admin ? <LocalBridge thingName={g.thingName} local={local} issued={issued} /> : null}
      <ProvisionCommand thingName={g.thingName} />
      {admin ? (
        <>
          <h2 id="add-zone">{t('greenhouses.addZone')}</h2>
          <p className="hint">{t('greenhouses.addZoneHint')}</p>
          <Form method="post" noValidate aria-labelledby="add-zone">
            <FormError form={intentForm(form, 'zone')} />
            <input type="hidden" name="intent" value="zone" />
            <ZoneFields form={intentForm(form, 'zone')} settings={defaultZoneSettings} />
            <button type="submit">{t('greenhouses.addZone')}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

type Issued = Parameters<typeof BridgeFiles>[0]['files'] | null;

function LocalBridge({ thingName, local, issued }: { thingName: string; local: boolean; issued: Issued }) {
  const form = useFormResult<typeof greenhousePageSchema>();
  const { t } = useI18n();
  return (
    <>
      <h3>{t('greenhouses.local')}</h3>
      {issued ? <BridgeFiles files={issued} /> : null}
      {local ? (
        <Form method="post">
          <p className="hint">{t('greenhouses.localHint', { thing: thingName })}</p>
          <FormError form={intentForm(form, 'provision')} includeFields />
          <button type="submit" name="intent" value="provision" className={issued ? 'secondary' : undefined}>
            {t('greenhouses.provision')}
          </button>
        </Form>
      ) : (
        <p>{t('greenhouses.localOff')}</p>
      )}
    </>
  );
}
