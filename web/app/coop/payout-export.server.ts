import ExcelJS from 'exceljs';
import { fromStoredVnd } from '../checkout/amounts.ts';
import { allCatalogs } from '../i18n/all-messages.ts';
import { type Locale, type Translate, translator } from '../i18n/i18n.ts';
import { formatDateTime } from '../ui/date-time.ts';
import type { PayoutItemRow } from './payout-items.server.ts';
import { percentOf, periodLabel } from './payouts.ts';
import type { Statement } from './payouts.server.ts';

// A statement as files the farm and the co-op's accountant open: XLSX (exceljs) with the figures
// as numbers, and CSV (UTF-8 with a byte-order mark, so Excel reads Vietnamese right) with one row
// per sold line and per refund share, in the reader's language.

function itemCells(t: Translate, locale: Locale, item: PayoutItemRow) {
  return [
    t(`payouts.kind.${item.kind}`),
    formatDateTime(locale, item.at),
    item.orderReference,
    locale === 'vi' ? item.productVi : item.productEn,
    item.lotCode,
    // A refund share is money, not units: a part refund gives back no whole number of them.
    item.kind === 'sale' ? item.quantity : '',
    fromStoredVnd(item.kind === 'refund' ? -item.amountVnd : item.amountVnd),
  ] as const;
}

function headerCells(t: Translate) {
  const keys = ['kind', 'date', 'order', 'product', 'lot', 'quantity', 'amount'] as const;
  return keys.map((key) => t(`payouts.${key}`));
}

function summaryRows(t: Translate, locale: Locale, s: Statement): [string, number][] {
  return [
    [t('payouts.sales'), fromStoredVnd(s.totals.salesVnd)],
    [t('payouts.refunds'), fromStoredVnd(-s.totals.refundsVnd)],
    [t('payouts.commission', { percent: percentOf(s.basisPoints, locale) }), fromStoredVnd(-s.totals.commissionVnd)],
    [t('payouts.netDue'), fromStoredVnd(s.totals.netDueVnd)],
  ];
}

const csvField = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function statementCsv(s: Statement, locale: Locale): string {
  const t = translator(locale, allCatalogs);
  const rows = [headerCells(t), ...s.items.map((item) => itemCells(t, locale, item))];
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export async function statementXlsx(s: Statement, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(locale, allCatalogs);
  const book = new ExcelJS.Workbook();
  book.created = new Date(0);
  const sheet = book.addWorksheet(s.period);
  sheet.addRow([t('payouts.farm'), `${s.farm.name} (${s.farm.code})`]);
  sheet.addRow([t('payouts.period'), periodLabel(s.period)]);
  sheet.addRow([s.paid ? t('payouts.paid', paidParams(s.paid, locale)) : t('payouts.open')]);
  sheet.addRow([]);
  sheet.addRow(headerCells(t)).font = { bold: true };
  for (const item of s.items) sheet.addRow([...itemCells(t, locale, item)]);
  sheet.addRow([]);
  for (const [label, amount] of summaryRows(t, locale, s)) sheet.addRow([label, '', '', '', '', '', amount]);
  sheet.getColumn(7).numFmt = '#,##0';
  [10, 18, 16, 28, 18, 10, 16].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function paidParams(paid: NonNullable<Statement['paid']>, locale: Locale) {
  return { at: formatDateTime(locale, paid.at), reference: paid.reference, name: paid.byName };
}
