import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { translator } from '../i18n/i18n.ts';
import { packing } from '../i18n/messages/packing.ts';
import { dejaVu } from '../pdf/fonts.server.ts';
import { type LabelStock, labelCells, qrModuleMm } from './label-stock.ts';
import type { PackLabel } from './pack-labels.server.ts';

// A pack lot's labels as a PDF to print at 100 %: one label per pack, laid out on the stock.
// Left, the QR code of the lot's Digital Link (drawn as vector squares, sharp at any printer
// resolution); right, the lot code and what a buyer reads: product, farm, net weight, dates.

const pt = (mm: number) => (mm * 72) / 25.4;
/** Inside each label: printers leave about 4 mm unprinted at a sheet's edges, and labels touch them. */
const PAD = { qr: 1.5, text: 4.5 };
const t = translator('vi', [packing]);
const day = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const fmtDay = (d: string) => day.format(new Date(`${d}T00:00:00Z`));

type Doc = PDFKit.PDFDocument;
type Qr = { modules: number; dark: (row: number, col: number) => boolean };

function qrOf(link: string): Qr {
  // Level M survives a scuffed or creased label, as on the batch page's code.
  const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' });
  return { modules: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** The symbol at (x, y) mm, its quiet zone included in `side` mm; dark runs of a row as one rectangle. */
function drawQr(doc: Doc, qr: Qr, x: number, y: number, side: number) {
  const module = qrModuleMm(qr.modules, side);
  const start = { x: x + (side - qr.modules * module) / 2, y: y + (side - qr.modules * module) / 2 };
  for (let row = 0; row < qr.modules; row++) {
    for (let col = 0; col < qr.modules;) {
      if (!qr.dark(row, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < qr.modules && qr.dark(row, end)) end++;
      // A hair of overlap between rows: no white seams when a viewer anti-aliases.
      doc.rect(pt(start.x + col * module), pt(start.y + row * module), pt((end - col) * module), pt(module) + 0.05);
      col = end;
    }
  }
  doc.fill('#000000');
}

function labelLines(label: PackLabel): { text: string; bold?: boolean; size: number }[] {
  return [
    { text: label.productName, bold: true, size: 8 },
    { text: label.farmName, size: 6.5 },
    { text: `${t('label.lot')} ${label.lotCode}`, bold: true, size: 8.5 },
    ...(label.unitWeightGrams === null ? [] : [{ text: `${t('label.net')} ${label.unitWeightGrams} g`, size: 7 }]),
    { text: `${t('label.packed')} ${fmtDay(label.packedOn)}`, size: 6.5 },
    { text: `${t('label.bestBefore')} ${fmtDay(label.bestBefore)}`, size: 6.5 },
    { text: `GTIN ${label.gtin}`, size: 5.5 },
  ];
}

/** The text at the largest size up to `size` (down to 5 pt) that fits `width` pt; cut short below that. */
function fitted(doc: Doc, text: string, width: number, size: number): { text: string; size: number } {
  for (let s = size; s >= 5; s -= 0.5) if (doc.fontSize(s).widthOfString(text) <= width) return { text, size: s };
  let cut = text;
  while (cut.length > 1 && doc.fontSize(5).widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return { text: `${cut}…`, size: 5 };
}

function drawLabel(doc: Doc, label: PackLabel, qr: Qr, stock: LabelStock, x: number, y: number) {
  const side = stock.label.height - 2 * PAD.qr;
  drawQr(doc, qr, x + PAD.qr, y + PAD.qr, side);
  const textX = x + PAD.qr + side + 1;
  const width = pt(stock.label.width - (textX - x) - PAD.text);
  let lineY = y + 4;
  for (const line of labelLines(label)) {
    const fit = fitted(doc.font(line.bold ? 'bold' : 'regular'), line.text, width, line.size);
    doc.fontSize(fit.size).text(fit.text, pt(textX), pt(lineY), { lineBreak: false });
    lineY += (line.size * 25.4) / 72 + 1.1;
  }
}

/** Every label of the lot on `stock`, as PDF bytes. `compress: false` leaves the text readable (tests). */
export function labelSheetPdf(label: PackLabel, stock: LabelStock, { compress = true } = {}): Promise<Buffer> {
  const size: [number, number] = [pt(stock.page.width), pt(stock.page.height)];
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false, compress, lang: 'vi-VN' });
  doc.info.Title = `${t('label.lot')} ${label.lotCode}: ${label.productName}`;
  doc.registerFont('regular', dejaVu().regular);
  doc.registerFont('bold', dejaVu().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const qr = qrOf(label.link);
  let page = -1;
  for (const cell of labelCells(stock, label.count)) {
    if (cell.page !== page) doc.addPage({ size, margin: 0 });
    page = cell.page;
    drawLabel(doc, label, qr, stock, cell.x, cell.y);
  }
  doc.end();
  return done;
}
