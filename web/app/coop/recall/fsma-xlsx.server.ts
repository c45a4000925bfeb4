import ExcelJS from 'exceljs';
import { type FsmaRow, fsmaColumns } from './fsma.ts';

/**
 * The FSMA 204 sortable spreadsheet as XLSX: the CSV's columns and rows, a bold header frozen
 * above an auto-filter, so the FDA (or the co-op) sorts and filters it as the rule intends.
 */
export async function fsmaXlsx(rows: FsmaRow[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('FSMA 204', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fsmaColumns.map((header) => ({ header, key: header, width: Math.max(14, header.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  // Quantities as numbers, so they sort as numbers; everything else as text, as written.
  for (const row of rows) sheet.addRow({ ...row, Quantity: Number(row.Quantity) });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fsmaColumns.length } };
  return new Uint8Array(await book.xlsx.writeBuffer());
}
