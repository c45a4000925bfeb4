import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { db } from '../../db.server.ts';
import { windowPageSchema } from '../../fulfilment/forms.ts';
import { pickList } from '../../fulfilment/pick-list.server.ts';
import { closeWindow, fulfilmentWindow, setWindowCapacity } from '../../fulfilment/staff.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { intentForm, useFormResult } from '../../forms/form-result.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { formatDateTime, formatPickupWindow } from '../../ui/date-time.ts';
import { FormError } from '../../ui/form-error.tsx';
import { NumberField } from '../../ui/number-field.tsx';
import { PickListTables } from '../../ui/pick-list.tsx';
import { PrintButton } from '../../ui/print-button.tsx';

export const meta = pageTitle('title.pickupWindow');

export async function loader({ params }: LoaderFunctionArgs) {
  const now = new Date();
  const id = params.windowId ?? '';
  const window = await fulfilmentWindow(db(), id, now);
  return { window, ...(await pickList(db(), id, now)), printedAt: now };
}

export const action = (args: ActionFunctionArgs) =>
  formAction(
    windowPageSchema,
    async (form, { params }) => {
      const id = params.windowId ?? '';
      const now = new Date();
      // Each answers 404 for a window that does not exist.
      if (form.intent === 'capacity') await setWindowCapacity(db(), id, form.capacity, now);
      else await closeWindow(db(), id, now);
      return redirect(`/coop/pickup/windows/${id}?done=${form.intent}`);
    },
    { fields: { WINDOW_CAPACITY_BELOW_BOOKED: 'capacity' } },
  )(args);

export default function PickupWindow() {
  const { window, orders, lots, printedAt } = useLoaderData<typeof loader>();
  const form = useFormResult<typeof windowPageSchema>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const when = formatPickupWindow(locale, window.startsAt, window.endsAt);
  const where = window.pickupPoint ? window.pickupPoint.name : t('pickup.window.delivery');
  const done = searchParams.get('done');
  return (
    <section className="pick-list">
      <p className="no-print">
        <Link to="/coop/pickup#windows">{t('pickup.back')}</Link>
      </p>
      <h1>{t('pickup.windowPage.title', { when, where })}</h1>
      {window.pickupPoint ? (
        <p>
          {window.pickupPoint.address}, {window.pickupPoint.commune}, {window.pickupPoint.province}
        </p>
      ) : null}
      <p>
        {t('pickup.window.bookedOf', { booked: window.booked, capacity: window.capacity })}
        {window.state === 'closed' ? null : (
          <> · {t('pickup.window.closes', { time: formatDateTime(locale, window.orderingClosesAt) })}</>
        )}
        <br />
        <span className="hint">{t('pickup.windowPage.asOf', { time: formatDateTime(locale, printedAt) })}</span>
      </p>
      {done === 'capacity' && !form.failed ? (
        <p role="status" className="done no-print">
          {t('pickup.windowPage.capacitySaved')}
        </p>
      ) : null}
      {window.closedAt ? <p className="badge">{t('pickup.windowPage.closedNote')}</p> : null}
      <PrintButton label="pickup.windowPage.print" />
      <PickListTables orders={orders} lots={lots} />
      <div className="no-print window-settings">
        <Form method="post" noValidate className="narrow">
          <FormError form={intentForm(form, 'capacity')} />
          <input type="hidden" name="intent" value="capacity" />
          <NumberField
            form={intentForm(form, 'capacity')}
            name="capacity"
            label="pickup.windowPage.capacity"
            unit="pickup.unit.orders"
            defaultValue={window.capacity}
          />
          <button type="submit" className="secondary">
            {t('pickup.windowPage.saveCapacity')}
          </button>
        </Form>
        {window.closedAt ? null : (
          <Form method="post">
            <button type="submit" name="intent" value="close" className="secondary">
              {t('pickup.windowPage.close')}
            </button>
          </Form>
        )}
      </div>
    </section>
  );
}
