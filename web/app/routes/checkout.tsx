import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { fieldErrors } from '../auth/forms.ts';
import { currentUser } from '../auth/session.server.ts';
import { startCardPayment } from '../checkout/card-payment.server.ts';
import { checkoutSchema } from '../checkout/form.ts';
import { SoldOutError } from '../checkout/holds.server.ts';
import { nextPickupWindows } from '../checkout/pickup-windows.ts';
import { EmptyCartError, PickupPointError, placeOrder } from '../checkout/place-order.server.ts';
import { holdMinutes, offeredPaymentMethods } from '../checkout/settings.server.ts';
import { orderPath } from '../checkout/stripe.server.ts';
import { db } from '../db.server.ts';
import { badRequest } from '../http.server.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.ts';
import { localeOf } from '../i18n/locale.server.ts';
import { sendOrderConfirmation } from '../orders/notify.server.ts';
import { loadCart } from '../shop/cart.server.ts';
import { Field } from '../ui/field.tsx';
import { formatPickupWindow } from '../ui/date-time.ts';

export const meta: MetaFunction = () => [{ title: 'Đặt hàng — Seedline' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const [cart, user, pickupPoints] = await Promise.all([
    loadCart(db(), request, now),
    currentUser(request),
    db().pickupPoint.findMany({
      where: { active: true },
      orderBy: { name: 'asc' },
      select: { id: true, name: true, address: true },
    }),
  ]);
  return {
    lines: cart.lines.map((l) => ({
      listingId: l.listing.id,
      nameVi: l.listing.product.nameVi,
      nameEn: l.listing.product.nameEn,
      lotCode: l.listing.lotCode,
      quantity: l.quantity,
      lineTotalVnd: l.lineTotalVnd,
    })),
    totalVnd: cart.totalVnd,
    ready: cart.ready,
    contact: { name: user?.name ?? '', email: user?.email ?? '' },
    pickupPoints,
    windows: nextPickupWindows(now).map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
    methods: offeredPaymentMethods(),
    holdMinutes: holdMinutes('CARD'),
  };
}

const formFields = [
  'name',
  'phone',
  'email',
  'fulfilment',
  'address',
  'pickupPointId',
  'pickupWindow',
  'paymentMethod',
];

export async function action({ request }: ActionFunctionArgs) {
  const now = new Date();
  const form = Object.fromEntries(await request.formData());
  const values = Object.fromEntries(formFields.map((k) => [k, typeof form[k] === 'string' ? form[k] : '']));
  const parsed = checkoutSchema(now).safeParse(form);
  if (!parsed.success) return badRequest(fieldErrors(parsed.error), values);
  if (!(offeredPaymentMethods() as readonly string[]).includes(parsed.data.paymentMethod)) {
    return badRequest({ paymentMethod: 'checkout.errors.paymentMethod' }, values);
  }
  const [cart, user, locale] = await Promise.all([
    loadCart(db(), request, now),
    currentUser(request),
    localeOf(request),
  ]);
  let placed;
  try {
    placed = await placeOrder(db(), {
      form: parsed.data,
      lines: cart.lines.map((l) => ({ listingId: l.listing.id, quantity: l.quantity })),
      userId: user?.id ?? null,
      now,
      holdMinutes: holdMinutes(parsed.data.paymentMethod),
      cartId: cart.cartId,
    });
  } catch (error) {
    if (error instanceof EmptyCartError) return badRequest({ form: 'checkout.empty' }, values);
    if (error instanceof PickupPointError) return badRequest({ pickupPointId: 'checkout.errors.pickupPoint' }, values);
    if (error instanceof SoldOutError) {
      const items = cart.lines
        .filter((l) => error.listingIds.includes(l.listing.id))
        .map((l) => `${locale === 'vi' ? l.listing.product.nameVi : l.listing.product.nameEn} (${l.listing.lotCode})`)
        .join(', ');
      return data({ fieldErrors: { form: 'checkout.soldOut' }, soldOut: items, values }, { status: 409 });
    }
    throw error;
  }
  if (placed.paymentMethod === 'CARD') {
    try {
      const session = await startCardPayment(db(), placed.id);
      return redirect(session.url);
    } catch (error) {
      // The order and its hold stand: the buyer can open the payment again from the order page.
      console.error(`Order ${placed.reference}: the Stripe checkout session could not be opened`, error);
      return redirect(`${orderPath(placed)}&card=failed`);
    }
  }
  await sendOrderConfirmation(db(), placed.id, locale, now);
  return redirect(orderPath(placed));
}

type ActionResult =
  { fieldErrors?: Record<string, string>; values?: Record<string, string>; soldOut?: string } | undefined;

export default function Checkout() {
  const { lines, totalVnd, ready, contact, pickupPoints, windows, methods, holdMinutes } =
    useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>() as ActionResult;
  const errors = result?.fieldErrors ?? {};
  const values = result?.values ?? {};
  const { t, f, locale } = useI18n();
  const error = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error" role="alert">
        {t(errors[name] as MessageKey)}
      </p>
    ) : null;
  const describedBy = (name: string) =>
    errors[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {};
  if (lines.length === 0) {
    return (
      <section className="narrow">
        <h1>{t('checkout.title')}</h1>
        <p>{t('checkout.empty')}</p>
        <p>
          <Link to="/">{t('nav.batches')}</Link>
        </p>
      </section>
    );
  }
  const fulfilment = values.fulfilment || 'DELIVERY';
  const method = values.paymentMethod || methods[0];
  return (
    <section className="checkout">
      <h1>{t('checkout.title')}</h1>
      <h2>{t('checkout.summary')}</h2>
      <ul className="checkout-lines">
        {lines.map((line) => (
          <li key={line.listingId}>
            {line.quantity} × {locale === 'vi' ? line.nameVi : line.nameEn} (<code>{line.lotCode}</code>) —{' '}
            {f.vnd(line.lineTotalVnd)}
          </li>
        ))}
      </ul>
      <p className="total">
        {t('checkout.total')}: <strong>{f.vnd(totalVnd)}</strong>
      </p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form as MessageKey, { items: result?.soldOut ?? '' })}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <fieldset>
          <legend>{t('checkout.contact')}</legend>
          <Field
            name="name"
            label="checkout.name"
            autoComplete="name"
            defaultValue={values.name ?? contact.name}
            error={errors.name}
            required
          />
          <Field
            name="phone"
            label="checkout.phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            defaultValue={values.phone}
            error={errors.phone}
            required
          />
          <Field
            name="email"
            label="checkout.email"
            type="email"
            autoComplete="email"
            defaultValue={values.email ?? contact.email}
            error={errors.email}
          />
        </fieldset>
        <fieldset {...describedBy('fulfilment')}>
          <legend>{t('checkout.fulfilment')}</legend>
          <label className="choice">
            <input type="radio" name="fulfilment" value="DELIVERY" defaultChecked={fulfilment === 'DELIVERY'} />{' '}
            {t('checkout.delivery')}
          </label>
          <div className="field">
            <label htmlFor="address">{t('checkout.address')}</label>
            <textarea
              id="address"
              name="address"
              rows={2}
              autoComplete="street-address"
              defaultValue={values.address}
              {...describedBy('address')}
            />
            {error('address')}
          </div>
          <label className="choice">
            <input type="radio" name="fulfilment" value="PICKUP" defaultChecked={fulfilment === 'PICKUP'} />{' '}
            {t('checkout.pickup')}
          </label>
          <div className="field">
            <label htmlFor="pickupPointId">{t('checkout.pickupPoint')}</label>
            <select
              id="pickupPointId"
              name="pickupPointId"
              defaultValue={values.pickupPointId ?? ''}
              {...describedBy('pickupPointId')}
            >
              <option value="">{t('checkout.choose')}</option>
              {pickupPoints.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} — {p.address}
                </option>
              ))}
            </select>
            {error('pickupPointId')}
          </div>
          <div className="field">
            <label htmlFor="pickupWindow">{t('checkout.pickupWindow')}</label>
            <select
              id="pickupWindow"
              name="pickupWindow"
              defaultValue={values.pickupWindow ?? ''}
              {...describedBy('pickupWindow')}
            >
              <option value="">{t('checkout.choose')}</option>
              {windows.map((w) => (
                <option key={w.start} value={w.start}>
                  {formatPickupWindow(locale, w.start, w.end)}
                </option>
              ))}
            </select>
            {error('pickupWindow')}
          </div>
          {error('fulfilment')}
        </fieldset>
        <fieldset {...describedBy('paymentMethod')}>
          <legend>{t('checkout.payment')}</legend>
          {methods.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="paymentMethod" value={m} defaultChecked={method === m} />{' '}
              {t(`checkout.pay.${m}`)}
            </label>
          ))}
          {error('paymentMethod')}
        </fieldset>
        <p className="hint">{t('checkout.holdNote', { minutes: holdMinutes })}</p>
        <button type="submit" disabled={!ready}>
          {t('checkout.submit')}
        </button>
      </Form>
    </section>
  );
}
