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

const QR_NAME = 'LotQr';
const num = (n: number) => n.toFixed(3);

/** Dark runs of each row as filled rectangles (PDF operators), `m` pt a module, rows top down. */
function qrPath(qr: Qr, m: number): string {
  // Black whatever colour the page last set; a hair of overlap so no white seams when anti-aliased.
  const ops = ['0 g'];
  for (let row = 0; row < qr.modules; row++) {
    for (let col = 0; col < qr.modules;) {
      let end = col;
      while (end < qr.modules && qr.dark(row, end)) end++;
      if (end > col) ops.push(`${num(col * m)} ${num(row * m)} ${num((end - col) * m)} ${num(m + 0.05)} re`);
      col = Math.max(end, col + 1);
    }
  }
  return `${ops.join('\n')}\nf`;
}

/**
 * The symbol, drawn once as a Form XObject that every label places (the same code is on every pack
 * of a lot): 10,000 labels on A4 took 15 s drawn square by square on every label, and take 3 s so.
 * Its quiet zone is the white around it, within the `side` mm the label keeps for it.
 */
function qrForm(doc: Doc, qr: Qr, side: number) {
  const m = pt(qrModuleMm(qr.modules, side));
  const size = qr.modules * m;
  const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, size, size] });
  form.end(qrPath(qr, m));
  return { form, inset: (pt(side) - size) / 2 };
}

type PlacedQr = ReturnType<typeof qrForm>;

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

const qrSide = (stock: LabelStock) => stock.label.height - 2 * PAD.qr;

function drawLabel(doc: Doc, label: PackLabel, qr: PlacedQr, stock: LabelStock, x: number, y: number) {
  const side = qrSide(stock);
  doc.addContent(`q 1 0 0 1 ${num(pt(x + PAD.qr) + qr.inset)} ${num(pt(y + PAD.qr) + qr.inset)} cm /${QR_NAME} Do Q`);
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
  const qr = qrForm(doc, qrOf(label.link), qrSide(stock));
  let page = -1;
  for (const cell of labelCells(stock, label.count)) {
    if (cell.page !== page) doc.addPage({ size, margin: 0 }).page.xobjects[QR_NAME] = qr.form;
    page = cell.page;
    drawLabel(doc, label, qr, stock, cell.x, cell.y);
  }
  doc.end();
  return done;
}
