import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { markPaidSchema } from '../../coop/payout-forms.ts';
import { statementView } from '../../coop/payout-view.server.ts';
import { periodLabel, periodPattern } from '../../coop/payouts.ts';
import { markStatementPaid, statementOf } from '../../coop/payouts.server.ts';
import { db } from '../../db.server.ts';
import { formAction, invalid } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { notFound } from '../../http.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { PayoutFigures } from '../../ui/payout-figures.tsx';
import { PayoutItemList } from '../../ui/payout-item-list.tsx';

// One farm's statement for one month (decision 022): every sold line with its lot, the refunds,
// the commission and the net due; its XLSX and CSV; the admin marks it paid with a reference,
// after which it never changes.

export const meta = pageTitle('title.payout');

function statementParams(params: LoaderFunctionArgs['params']) {
  const period = params.period ?? '';
  if (!periodPattern.test(period)) notFound('No such period');
  return { farmId: params.farmId ?? '', period };
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { farmId, period } = statementParams(params);
  const statement = await statementOf(db(), farmId, period);
  if (!statement) notFound('No such farm');
  return { statement: statementView(statement), admin: isAdmin(context) };
}

export const action = (args: ActionFunctionArgs) => {
  const admin = requireAdmin(args.context);
  const { farmId, period } = statementParams(args.params);
  return formAction(markPaidSchema, async (form, formArgs) => {
    const input = { farmId, period, reference: form.reference, byUserId: admin.id, now: new Date() };
    const outcome = await markStatementPaid(db(), input);
    if (outcome === 'no-farm') notFound('No such farm');
    if (outcome === 'already-paid') return invalid(formArgs, { formError: { key: 'payouts.alreadyPaid' } }, 409);
    return redirect(`/coop/payouts/${farmId}/${period}?paid=1`);
  })(args);
};

export default function Payout() {
  const { statement: s, admin } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, f } = useI18n();
  const base = `/coop/payouts/${s.farm.id}/${s.period}`;
  return (
    <section className="payout">
      <p>
        <Link to={`/coop/payouts?period=${s.period}`}>← {t('payouts.back', { period: periodLabel(s.period) })}</Link>
      </p>
      <h1>
        {s.farm.name} · {periodLabel(s.period)}
      </h1>
      {searchParams.get('paid') && s.paid ? (
        <p role="status" className="done">
          {t('payouts.paidDone')}
        </p>
      ) : null}
      <p>
        {s.paid
          ? t('payouts.paid', { at: f.dateTime(s.paid.at), reference: s.paid.reference, name: s.paid.byName })
          : t('payouts.open')}
      </p>
      <PayoutFigures totals={s.totals} basisPoints={s.basisPoints} />
      <p className="label-files">
        <a href={`${base}/statement.xlsx`} download>
          {t('payouts.downloadXlsx')}
        </a>
        <a href={`${base}/statement.csv`} download>
          {t('payouts.downloadCsv')}
        </a>
      </p>
      <h2>{t('payouts.lines')}</h2>
      <PayoutItemList items={s.items.filter((i) => i.kind === 'sale')} period={s.period} empty="payouts.noLines" />
      <h2>{t('payouts.refundLines')}</h2>
      <PayoutItemList items={s.items.filter((i) => i.kind === 'refund')} period={s.period} empty="payouts.noRefunds" />
      {admin && !s.paid ? <MarkPaidForm /> : null}
    </section>
  );
}

function MarkPaidForm() {
  const form = useFormResult<typeof markPaidSchema>();
  const sending = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <>
      <h2 id="mark-paid">{t('payouts.markPaid')}</h2>
      <p className="hint">{t('payouts.markPaidHint')}</p>
      <Form method="post" noValidate className="narrow">
        <FormError form={form} />
        <Field form={form} name="reference" label="payouts.reference" required autoComplete="off" />
        <button type="submit" disabled={sending}>
          {t('payouts.markPaidSubmit')}
        </button>
      </Form>
    </>
  );
}
