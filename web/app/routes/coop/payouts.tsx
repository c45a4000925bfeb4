import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { isAdmin, requireAdmin } from '../../auth/admin.server.ts';
import { commissionSchema } from '../../coop/payout-forms.ts';
import { periodTotals, statementSummary } from '../../coop/payout-view.server.ts';
import { nextPeriod, percentOf, periodLabel, periodOf, periodPattern, previousPeriod } from '../../coop/payouts.ts';
import { currentBasisPoints, periodStatements, setCommission } from '../../coop/payouts.server.ts';
import { db } from '../../db.server.ts';
import { formAction } from '../../forms/form-action.server.ts';
import { useFormResult } from '../../forms/form-result.ts';
import { notFound } from '../../http.server.ts';
import { pageTitle, useI18n } from '../../i18n/i18n.ts';
import { Field } from '../../ui/field.tsx';
import { FormError } from '../../ui/form-error.tsx';
import { PayoutFigures } from '../../ui/payout-figures.tsx';

// The month's payout statements, one per member farm (decision 022): staff read, the admin sets
// the co-op's commission. `?period=2026-12`, this month by default.

export const meta = pageTitle('title.payouts');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const period = new URL(request.url).searchParams.get('period') || periodOf(new Date());
  if (!periodPattern.test(period)) notFound('No such period');
  const [statements, basisPoints] = await Promise.all([periodStatements(db(), period), currentBasisPoints(db())]);
  return {
    period,
    basisPoints,
    statements: statements.map(statementSummary),
    total: periodTotals(statements),
    admin: isAdmin(context),
  };
}

export const action = (args: ActionFunctionArgs) => {
  const admin = requireAdmin(args.context);
  return formAction(commissionSchema, async (form, { request }) => {
    await setCommission(db(), form.commissionPercent, admin.id, new Date());
    const period = new URL(request.url).searchParams.get('period') ?? '';
    return redirect(`/coop/payouts?${new URLSearchParams({ ...(period ? { period } : {}), saved: '1' })}`);
  })(args);
};

export default function Payouts() {
  const { period, basisPoints, statements, total, admin } = useLoaderData<typeof loader>();
  const { t, f, locale } = useI18n();
  const percent = percentOf(basisPoints, locale);
  return (
    <section className="payouts">
      <h1>{t('payouts.title', { period: periodLabel(period) })}</h1>
      <PeriodNav period={period} />
      <p>
        {t('payouts.periodTotal', {
          sales: f.vnd(total.salesVnd),
          refunds: f.vnd(total.refundsVnd),
          commission: f.vnd(total.commissionVnd),
          net: f.vnd(total.netDueVnd),
        })}
      </p>
      <ul className="cards">
        {statements.map((s) => (
          <li key={s.farm.id}>
            <h2>
              <Link to={`/coop/payouts/${s.farm.id}/${period}`}>{s.farm.name}</Link>
            </h2>
            <p>
              {t('payouts.items', { count: s.itemCount })} ·{' '}
              {s.paid
                ? t('payouts.paid', { at: f.dateTime(s.paid.at), reference: s.paid.reference, name: s.paid.byName })
                : t('payouts.open')}
            </p>
            <PayoutFigures totals={s.totals} basisPoints={s.basisPoints} />
          </li>
        ))}
      </ul>
      <p>{t('payouts.commissionNow', { percent })}</p>
      {admin ? <CommissionForm percent={percent} /> : null}
    </section>
  );
}

function PeriodNav({ period }: { period: string }) {
  const { t } = useI18n();
  return (
    <Form method="get" className="period-nav">
      <Link to={`/coop/payouts?period=${previousPeriod(period)}`}>{t('payouts.previous')}</Link>
      <label htmlFor="period">{t('payouts.period')}</label>
      <input id="period" name="period" type="month" defaultValue={period} />
      <button type="submit">{t('payouts.show')}</button>
      <Link to={`/coop/payouts?period=${nextPeriod(period)}`}>{t('payouts.next')}</Link>
    </Form>
  );
}

function CommissionForm({ percent }: { percent: string }) {
  const form = useFormResult<typeof commissionSchema>();
  const [searchParams] = useSearchParams();
  const sending = useNavigation().state === 'submitting';
  const { t } = useI18n();
  return (
    <Form method="post" noValidate className="narrow">
      {searchParams.get('saved') && !form.failed ? (
        <p role="status" className="done">
          {t('payouts.commissionSaved', { percent })}
        </p>
      ) : null}
      <FormError form={form} />
      <Field
        form={form}
        name="commissionPercent"
        label="payouts.commissionLabel"
        description="payouts.commissionHint"
        inputMode="decimal"
        autoComplete="off"
        required
      />
      <button type="submit" disabled={sending}>
        {t('payouts.commissionSave')}
      </button>
    </Form>
  );
}
