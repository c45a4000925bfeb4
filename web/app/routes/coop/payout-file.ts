import type { LoaderFunctionArgs } from '@remix-run/node';
import { statementCsv, statementXlsx } from '../../coop/payout-export.server.ts';
import { periodPattern } from '../../coop/payouts.ts';
import { statementOf } from '../../coop/payouts.server.ts';
import { db } from '../../db.server.ts';
import { notFound } from '../../http.server.ts';
import { localeOf } from '../../i18n/locale.server.ts';

// A statement as `statement.xlsx` or `statement.csv`, in the reader's language (decision 022). The
// co-op area's guard refuses everyone but staff and admins.

const types = {
  'statement.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'statement.csv': 'text/csv; charset=utf-8',
} as const;

const isFile = (file: string): file is keyof typeof types => Object.hasOwn(types, file);

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { farmId = '', period = '', file = '' } = params;
  if (!periodPattern.test(period) || !isFile(file)) notFound('No such statement file');
  const statement = await statementOf(db(), farmId, period);
  if (!statement) notFound('No such farm');
  const locale = await localeOf(request);
  const body = file === 'statement.csv' ? statementCsv(statement, locale) : await statementXlsx(statement, locale);
  const name = `bang-ke-${statement.farm.code}-${period}.${file.split('.')[1]}`;
  return new Response(body, {
    headers: {
      'Content-Type': types[file],
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
