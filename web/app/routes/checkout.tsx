import { randomUUID } from 'node:crypto';
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { currentUser } from '../auth/session.server.ts';
import { startCardPayment } from '../checkout/card-payment.server.ts';
import { type CheckoutForm, checkoutSchema } from '../checkout/form.ts';
import { countCheckout, openOrderLimits } from '../checkout/open-orders.server.ts';
import { placeOrder } from '../checkout/place-order.server.ts';
import { holdMinutes, offeredPaymentMethods } from '../checkout/settings.server.ts';
import { orderPath } from '../checkout/stripe.server.ts';
import { db } from '../db.server.ts';
import { type FormActionArgs, formAction, invalid } from '../forms/form-action.server.ts';
import { formHeaders } from '../forms/form-headers.ts';
import { useFormResult } from '../forms/form-result.ts';
import { type CatalogHandle, pageTitle, useI18n } from '../i18n/i18n.ts';
import { checkout as checkoutTexts } from '../i18n/messages/checkout.ts';
import { localeOf } from '../i18n/locale.server.ts';
import { offeredWindows } from '../fulfilment/windows.server.ts';
import { kickEmailOutbox } from '../orders/email-outbox.server.ts';
import { loadCart } from '../shop/cart.server.ts';
import { Field } from '../ui/field.tsx';
import { FormError } from '../ui/form-error.tsx';
import { RadioGroup } from '../ui/radio-group.tsx';
import { Textarea } from '../ui/textarea.tsx';
import { WindowChoice } from '../ui/window-choice.tsx';

export const meta = pageTitle('title.checkout');
// Buying's texts come with the buying pages (i18n/root-messages.ts).
export const handle: CatalogHandle = { messages: [checkoutTexts] };
export const headers = formHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const [cart, user, windows] = await Promise.all([
    loadCart(db(), request, now),
    currentUser(request),
    offeredWindows(db(), now),
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
    pickupWindows: windows.filter((w) => w.fulfilment === 'PICKUP'),
    deliveryWindows: windows.filter((w) => w.fulfilment === 'DELIVERY'),
    methods: offeredPaymentMethods(),
    holdMinutes: holdMinutes('CARD'),
    idempotencyKey: randomUUID(),
  };
}

export const action = (args: ActionFunctionArgs) => {
  const now = new Date();
  return formAction(checkoutSchema, (form, formArgs) => checkout(form, formArgs, now), {
    fields: { WINDOW_CLOSED: 'windowId', WINDOW_FULL: 'windowId', WINDOW_REQUIRED: 'windowId' },
  })(args);
};

/** Places the order of the cart; a card order goes on to Stripe, the others to their order page. */
async function checkout(form: CheckoutForm, args: FormActionArgs, now: Date) {
  if (!offeredPaymentMethods().some((m) => m === form.paymentMethod)) {
    return invalid(args, { fieldErrors: { paymentMethod: { key: 'checkout.errors.paymentMethod' } } });
  }
  const client = args.context.clientAddress ?? null;
  if (client) await countCheckout(db(), client, now);
  const [cart, user, locale] = await Promise.all([
    loadCart(db(), args.request, now),
    currentUser(args.request),
    localeOf(args.request),
  ]);
  const placed = await placeOrder(db(), {
    form,
    lines: cart.lines.map((l) => ({ listingId: l.listing.id, quantity: l.quantity })),
    userId: user?.id ?? null,
    now,
    holdMinutes: holdMinutes(form.paymentMethod),
    cartId: cart.cartId,
    clientAddress: client,
    idempotencyKey: form.idempotencyKey,
    limits: openOrderLimits,
    locale,
  });
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
  // The confirmation was queued with the order: send it now, not at the outbox's next poll.
  kickEmailOutbox();
  return redirect(orderPath(placed));
}

export default function Checkout() {
  const { lines, totalVnd, ready, contact, pickupWindows, deliveryWindows, methods, holdMinutes, idempotencyKey } =
    useLoaderData<typeof loader>();
  const form = useFormResult<typeof checkoutSchema>();
  const { t, f, locale } = useI18n();
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
      <FormError form={form} />
      <Form method="post" noValidate>
        <input type="hidden" name="idempotencyKey" value={form.value('idempotencyKey') ?? idempotencyKey} />
        <fieldset>
          <legend>{t('checkout.contact')}</legend>
          <Field
            form={form}
            name="name"
            label="checkout.name"
            autoComplete="name"
            defaultValue={contact.name}
            required
          />
          <Field
            form={form}
            name="phone"
            label="checkout.phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required
          />
          <Field
            form={form}
            name="email"
            label="checkout.email"
            type="email"
            autoComplete="email"
            defaultValue={contact.email}
          />
        </fieldset>
        <RadioGroup
          form={form}
          name="fulfilment"
          label="checkout.fulfilment"
          defaultValue="DELIVERY"
          options={[
            {
              value: 'DELIVERY',
              label: t('checkout.delivery'),
              details: (
                <>
                  <Textarea
                    form={form}
                    name="address"
                    label="checkout.address"
                    rows={2}
                    autoComplete="street-address"
                  />
                  {/* Shown where the co-op runs delivery windows, or to say why a window was refused. */}
                  {deliveryWindows.length > 0 || (form.value('fulfilment') === 'DELIVERY' && form.error('windowId')) ? (
                    <WindowChoice
                      form={form}
                      fulfilment="DELIVERY"
                      windows={deliveryWindows}
                      label="checkout.deliveryWindow"
                      id="deliveryWindows"
                    />
                  ) : null}
                </>
              ),
            },
            {
              value: 'PICKUP',
              label: t('checkout.pickup'),
              details: (
                <WindowChoice
                  form={form}
                  fulfilment="PICKUP"
                  windows={pickupWindows}
                  label="checkout.pickupWindow"
                  id="pickupWindows"
                />
              ),
            },
          ]}
        />
        <RadioGroup
          form={form}
          name="paymentMethod"
          label="checkout.payment"
          defaultValue={methods[0]}
          options={methods.map((m) => ({ value: m, label: t(`checkout.pay.${m}`) }))}
        />
        <p className="hint">{t('checkout.holdNote', { minutes: holdMinutes })}</p>
        <button type="submit" disabled={!ready}>
          {t('checkout.submit')}
        </button>
      </Form>
    </section>
  );
}
