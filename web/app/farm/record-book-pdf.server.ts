import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { translator } from '../i18n/i18n.ts';
import { shop } from '../i18n/messages/shop.ts';
import type { IrrigationRecord } from '../shop/irrigation-record.ts';
import type {
  BookLine,
  Correction,
  InputLine,
  ObservationLine,
  RecordBook,
  RecordCorrectionRow,
} from './record-book.ts';

// A planting's record book on paper (A4 portrait), in Vietnamese, the language of the farms and of
// their VietGAP inspectors: sections with tables whose headers repeat on every page, "Trang x/y" and
// the date printed at the foot of each page. A corrected entry is printed struck through, its
// correction right below it on a shaded line that says why, who and when.
//
// Fonts: DejaVu Sans Condensed from the npm package `dejavu-fonts-ttf` (DejaVu's free licence:
// Bitstream Vera and Arev terms, redistribution allowed), embedded as subsets. PDF's standard
// fonts have no Vietnamese letters; a system font would make the book depend on the server's
// image (docs/decisions/013-record-book-pdf.md).

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
/** The fonts' bytes, read from disk once, on the first book printed. */
const fonts = () =>
  (fontFiles ??= {
    regular: fs.readFileSync(path.join(fontDir, 'DejaVuSansCondensed.ttf')),
    bold: fs.readFileSync(path.join(fontDir, 'DejaVuSansCondensed-Bold.ttf')),
  });

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 56, bottom: 56, left: 42, right: 42 };
const CONTENT = A4.width - MARGIN.left - MARGIN.right;
const PAD = 3;
const SIZE = { title: 16, section: 11.5, body: 9, small: 7.5 };
const INK = '#111111';
const MUTED = '#555555';
const RULE = '#999999';
const HEADER_FILL = '#e8e8e8';
const CORRECTION_FILL = '#fff4cc';

const t = translator('vi', [shop]);
const day = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const date = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Asia/Ho_Chi_Minh',
});
const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** A `@db.Date` (UTC midnight of a day in Vietnam) or a `YYYY-MM-DD`, as 28/11/2026. */
const fmtDay = (d: Date | string | null) =>
  d === null ? '—' : day.format(typeof d === 'string' ? new Date(`${d}T00:00:00Z`) : d);
/** An instant, as its day in Vietnam. */
const fmtDate = (d: Date) => date.format(d);
const fmtDateTime = (d: Date) => `${time.format(d)} ${date.format(d)}`;

type Doc = PDFKit.PDFDocument;
type Column = { header: string; width: number; align?: 'left' | 'right' | 'center' };
type Row = { cells: string[]; style: 'plain' | 'superseded' | 'correction'; note?: string };
/** Rows printed together on one page: an entry and its corrections. */
type Block = Row[];

/** The record book as a PDF file. `compress: false` leaves the content streams readable (tests). */
export function recordBookPdf(book: RecordBook, { compress = true } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: MARGIN,
    bufferPages: true,
    compress,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `Sổ ghi chép sản xuất: ${book.product.nameVi}, ${book.zone.name}, ${book.greenhouse.name}`,
      Author: book.farm.name,
      Creator: 'Seedline',
      CreationDate: book.printedAt,
    },
  });
  doc.registerFont('regular', fonts().regular);
  doc.registerFont('bold', fonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('regular').fontSize(SIZE.body).fillColor(INK);
  titleBlock(doc, book);
  farmSection(doc, book);
  placeSection(doc, book);
  seedSection(doc, book);
  workSection(doc, book);
  inputSection(doc, book);
  observationSection(doc, book);
  irrigationSection(doc, book.irrigation, book.zone.areaM2);
  harvestSection(doc, book);
  recordCorrectionSection(doc, book);
  signatures(doc);
  pageFurniture(doc, book);
  doc.end();
  return done;
}

function titleBlock(doc: Doc, book: RecordBook) {
  doc.font('bold').fontSize(SIZE.title).text('SỔ GHI CHÉP SẢN XUẤT', { align: 'center' });
  doc
    .font('regular')
    .fontSize(SIZE.section)
    .text(`${book.product.nameVi} — ${book.zone.name}, ${book.greenhouse.name}`, { align: 'center' });
  doc
    .fontSize(SIZE.small)
    .fillColor(MUTED)
    .text('Hồ sơ ghi chép theo VietGAP trồng trọt (TCVN 11892-1:2017)', { align: 'center' })
    .fillColor(INK)
    .fontSize(SIZE.body);
  doc.moveDown(0.8);
}

function section(doc: Doc, title: string, needs = 60) {
  if (doc.y + needs > bottom(doc)) doc.addPage();
  doc.moveDown(0.6);
  doc.font('bold').fontSize(SIZE.section).text(title, MARGIN.left, doc.y, { width: CONTENT });
  doc.font('regular').fontSize(SIZE.body).moveDown(0.3);
}

const bottom = (doc: Doc) => doc.page.height - MARGIN.bottom;

/** Label–value pairs as a two-column table. */
function facts(doc: Doc, pairs: [string, string][]) {
  const labelWidth = 150;
  for (const [label, value] of pairs) {
    const h =
      Math.max(
        doc.font('bold').heightOfString(label, { width: labelWidth - 2 * PAD }),
        doc.font('regular').heightOfString(value, { width: CONTENT - labelWidth - 2 * PAD }),
      ) +
      2 * PAD;
    if (doc.y + h > bottom(doc)) doc.addPage();
    const y = doc.y;
    doc.rect(MARGIN.left, y, labelWidth, h).fill(HEADER_FILL).fillColor(INK);
    doc.rect(MARGIN.left, y, CONTENT, h).lineWidth(0.5).stroke(RULE);
    doc.font('bold').text(label, MARGIN.left + PAD, y + PAD, { width: labelWidth - 2 * PAD });
    doc.font('regular').text(value, MARGIN.left + labelWidth + PAD, y + PAD, { width: CONTENT - labelWidth - 2 * PAD });
    doc.x = MARGIN.left;
    doc.y = y + h;
  }
}

/** The height of a row's cells and of the note that spans the row below them. */
function rowHeight(doc: Doc, columns: readonly Column[], row: Row): { cells: number; note: number; total: number } {
  doc.font(row.style === 'correction' ? 'bold' : 'regular').fontSize(SIZE.body);
  const cells =
    Math.max(...row.cells.map((cell, i) => doc.heightOfString(cell || ' ', { width: columns[i]!.width - 2 * PAD }))) +
    2 * PAD;
  doc.font('regular').fontSize(SIZE.small);
  const note = row.note ? doc.heightOfString(row.note, { width: CONTENT - 2 * PAD }) + 2 * PAD : 0;
  doc.fontSize(SIZE.body);
  return { cells, note, total: cells + note };
}

function tableHeader(doc: Doc, columns: readonly Column[]) {
  doc.font('bold');
  const h = Math.max(...columns.map((c) => doc.heightOfString(c.header, { width: c.width - 2 * PAD }))) + 2 * PAD;
  const y = doc.y;
  doc.rect(MARGIN.left, y, CONTENT, h).fill(HEADER_FILL).fillColor(INK);
  let x = MARGIN.left;
  for (const c of columns) {
    doc.rect(x, y, c.width, h).lineWidth(0.5).stroke(RULE);
    doc.text(c.header, x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left' });
    x += c.width;
  }
  doc.font('regular');
  doc.y = y + h;
}

/** A table whose header is printed again at the top of every page it runs onto. */
function table(doc: Doc, columns: readonly Column[], blocks: readonly Block[], empty: string) {
  const scale = CONTENT / columns.reduce((sum, c) => sum + c.width, 0);
  const cols = columns.map((c) => ({ ...c, width: c.width * scale }));
  if (blocks.length === 0) {
    doc.fillColor(MUTED).text(empty, MARGIN.left, doc.y, { width: CONTENT }).fillColor(INK);
    return;
  }
  tableHeader(doc, cols);
  for (const block of blocks) {
    const heights = block.map((row) => rowHeight(doc, cols, row));
    const whole = heights.reduce((sum, h) => sum + h.total, 0);
    const fresh = bottom(doc) - MARGIN.top - 30;
    block.forEach((row, i) => {
      // An entry and its corrections stay together when they fit on one page.
      const needs = i === 0 && whole <= fresh ? whole : heights[i]!.total;
      if (doc.y + needs > bottom(doc)) {
        doc.addPage();
        tableHeader(doc, cols);
      }
      drawRow(doc, cols, row, heights[i]!);
    });
  }
  doc.x = MARGIN.left;
}

function drawRow(doc: Doc, columns: readonly Column[], row: Row, h: ReturnType<typeof rowHeight>) {
  const y = doc.y;
  if (row.style === 'correction') doc.rect(MARGIN.left, y, CONTENT, h.total).fill(CORRECTION_FILL);
  let x = MARGIN.left;
  columns.forEach((c, i) => {
    doc.rect(x, y, c.width, h.cells).lineWidth(0.5).stroke(RULE);
    doc.font(row.style === 'correction' ? 'bold' : 'regular').fillColor(row.style === 'superseded' ? MUTED : INK);
    doc.text(row.cells[i] ?? '', x + PAD, y + PAD, {
      width: c.width - 2 * PAD,
      align: c.align ?? 'left',
      // What a correction replaced stays readable, struck through.
      strike: row.style === 'superseded' && i > 0,
    });
    x += c.width;
  });
  if (row.note) {
    // The note spans the row's width, below its cells.
    doc
      .rect(MARGIN.left, y + h.cells, CONTENT, h.note)
      .lineWidth(0.5)
      .stroke(RULE);
    doc
      .font('regular')
      .fontSize(SIZE.small)
      .fillColor(INK)
      .text(row.note, MARGIN.left + PAD, y + h.cells + PAD, { width: CONTENT - 2 * PAD });
  }
  doc.font('regular').fontSize(SIZE.body).fillColor(INK);
  doc.x = MARGIN.left;
  doc.y = y + h.total;
}

/** Lines of the book as table blocks: an entry with the corrections that follow it. */
function blocksOf<T>(lines: readonly BookLine<T>[], cells: (line: BookLine<T>) => string[]): Block[] {
  const blocks: Block[] = [];
  for (const line of lines) {
    const row: Row = {
      cells: cells(line),
      style: line.correction ? 'correction' : line.superseded ? 'superseded' : 'plain',
      ...(line.correction
        ? { note: correctionNote(line.correction) }
        : line.superseded
          ? { note: supersededNote }
          : {}),
    };
    if (line.correction && blocks.length > 0) blocks[blocks.length - 1]!.push(row);
    else blocks.push([row]);
  }
  return blocks;
}

const supersededNote = 'Bản ghi này đã được sửa: xem dòng sửa ngay dưới (nội dung cũ được giữ nguyên, gạch ngang).';

function correctionNote(c: Correction): string {
  return `↳ Sửa lần ${c.number} cho dòng trên. Lý do: ${c.reason ?? '(không ghi)'}. Người sửa: ${c.by}, lúc ${fmtDateTime(c.at)}.`;
}

function dateCell(line: BookLine<unknown>): string {
  const mark = line.correction ? `Sửa lần ${line.correction.number}\n` : line.superseded ? 'ĐÃ SỬA\n' : '';
  return `${mark}${fmtDateTime(line.occurredAt)}`;
}

function farmSection(doc: Doc, book: RecordBook) {
  const { farm } = book;
  section(doc, `1. Cơ sở sản xuất`);
  facts(doc, [
    ['Tên cơ sở', farm.name],
    ['Địa chỉ', [farm.address, farm.commune, farm.province].filter(Boolean).join(', ')],
    [
      'Chứng nhận',
      farm.certifications.length === 0
        ? 'Chưa có chứng nhận'
        : farm.certifications
            .map(
              (c) =>
                `${c.scheme} số ${c.number}${c.issuedBy ? `, cấp bởi ${c.issuedBy}` : ''}, hiệu lực ${fmtDay(c.validFrom)} – ${fmtDay(c.validUntil)}`,
            )
            .join('\n'),
    ],
  ]);
}

const statusName: Record<RecordBook['planting']['status'], string> = {
  PLANNED: 'dự kiến',
  GROWING: 'đang trồng',
  HARVESTING: 'đang thu hoạch',
  FINISHED: 'đã kết thúc',
  FAILED: 'hỏng',
};

function placeSection(doc: Doc, book: RecordBook) {
  const { planting, zone, greenhouse } = book;
  section(doc, `2. Khu trồng và lứa trồng`);
  facts(doc, [
    ['Nhà màng / nhà lưới', `${greenhouse.name} (${number.format(greenhouse.areaM2)} m²)`],
    ['Khu trồng', `${zone.name} (mã ${zone.key}, ${number.format(zone.areaM2)} m²)`],
    ['Cây trồng', book.product.nameVi],
    ['Ngày gieo', fmtDay(planting.sownOn)],
    ['Ngày trồng cây con', fmtDay(planting.transplantedOn)],
    [
      'Số lượng và diện tích trồng',
      [
        planting.quantity === null
          ? null
          : `${number.format(planting.quantity)} ${planting.quantityUnit === 'plants' ? 'cây' : planting.quantityUnit === 'seeds' ? 'hạt' : (planting.quantityUnit ?? '')}`,
        planting.areaM2 === null ? null : `${number.format(planting.areaM2)} m²`,
      ]
        .filter(Boolean)
        .join(', ') || 'Không ghi',
    ],
    ['Dự kiến thu hoạch', fmtDay(planting.expectedHarvestOn)],
    ['Trạng thái', `${statusName[planting.status]}${planting.endedOn ? `, kết thúc ${fmtDay(planting.endedOn)}` : ''}`],
    ['Mã lứa trồng', planting.id],
  ]);
}

function seedSection(doc: Doc, book: RecordBook) {
  const { seedLot } = book;
  section(doc, `3. Hạt giống`);
  facts(doc, [
    ['Nhà cung cấp', seedLot.supplier],
    ['Giống', seedLot.variety],
    ['Số lô', seedLot.lotNumber],
    ['Ngày nhận', fmtDay(seedLot.receivedOn)],
    [
      'Số lượng',
      `${number.format(seedLot.quantity)} ${seedLot.quantityUnit === 'seeds' ? 'hạt' : seedLot.quantityUnit}`,
    ],
    ['Số giấy chứng nhận', seedLot.certificateNumber ?? 'Không có'],
  ]);
}

function workSection(doc: Doc, book: RecordBook) {
  section(doc, `4. Nhận giống, gieo, trồng và công việc khác`);
  table(
    doc,
    [
      { header: 'Ngày giờ', width: 80 },
      { header: 'Công việc', width: 90 },
      { header: 'Ghi chú', width: 230 },
      { header: 'Người ghi', width: 90 },
    ],
    blocksOf(book.work, (l) => [dateCell(l), t(`log.${l.kind}`), l.note ?? '', l.recordedBy]),
    'Chưa có ghi chép.',
  );
}

const doseUnits: Record<NonNullable<InputLine['doseUnit']>, string> = {
  ML_PER_L: 'ml/lít',
  G_PER_L: 'g/lít',
  KG_PER_HA: 'kg/ha',
  L_PER_HA: 'lít/ha',
};

function doseCell(l: InputLine): string {
  const amount = l.doseAmount !== null && l.doseUnit ? `${number.format(l.doseAmount)} ${doseUnits[l.doseUnit]}` : null;
  const dose = [l.dose, amount].filter(Boolean).filter((d, i, all) => all.indexOf(d) === i);
  if (l.areaM2 !== null) dose.push(`trên ${number.format(l.areaM2)} m²`);
  return dose.join('\n');
}

function productCell(l: InputLine): string {
  return [
    l.activeIngredient ? `${l.product} (${l.activeIngredient})` : l.product,
    l.registrationNumber ? `Số đăng ký: ${l.registrationNumber}` : null,
    l.note,
  ]
    .filter(Boolean)
    .join('\n');
}

function inputSection(doc: Doc, book: RecordBook) {
  section(doc, `5. Sử dụng phân bón và thuốc bảo vệ thực vật (${book.totals.inputs} lần)`);
  table(
    doc,
    [
      { header: 'Ngày giờ', width: 66 },
      { header: 'Loại', width: 54 },
      { header: 'Sản phẩm (hoạt chất)', width: 118 },
      { header: 'Liều lượng', width: 76 },
      { header: 'Cách ly (ngày)', width: 42, align: 'center' },
      { header: 'Được thu hoạch từ', width: 60 },
      { header: 'Người thực hiện', width: 74 },
    ],
    blocksOf(book.inputs, (l) => [
      dateCell(l),
      l.inputType ? t(`input.${l.inputType}`) : '',
      productCell(l),
      doseCell(l),
      l.phiDays === null || l.phiDays === 0 ? '—' : String(l.phiDays),
      l.clearsOn === null
        ? '—'
        : `${fmtDay(l.clearsOn)}${l.intervalHonoured === null ? '' : l.intervalHonoured ? '\n✓ đã đủ' : '\n✗ chưa đủ'}`,
      l.appliedBy === l.recordedBy ? l.appliedBy : `${l.appliedBy}\n(ghi: ${l.recordedBy})`,
    ]),
    'Chưa sử dụng phân bón hay thuốc nào.',
  );
}

const observationKinds: Record<NonNullable<ObservationLine['observation']>, string> = {
  PEST: 'Sâu hại',
  DISEASE: 'Bệnh hại',
  NOTE: 'Ghi chú',
};

function observationSection(doc: Doc, book: RecordBook) {
  section(doc, `6. Quan sát đồng ruộng: sâu bệnh và ghi chú (${book.totals.observations} lần)`);
  table(
    doc,
    [
      { header: 'Ngày giờ', width: 80 },
      { header: 'Loại', width: 60 },
      { header: 'Nội dung', width: 260 },
      { header: 'Người ghi', width: 90 },
    ],
    blocksOf(book.observations, (l) => [
      dateCell(l),
      l.observation ? observationKinds[l.observation] : '',
      l.note ?? '',
      l.recordedBy,
    ]),
    'Chưa có quan sát.',
  );
}

/** Gaps listed one by one; the rest are counted (a flaky link can leave hundreds of short ones). */
const LISTED_GAPS = 8;

function irrigationSection(doc: Doc, record: IrrigationRecord | null, areaM2: number) {
  section(doc, `7. Tưới nước: số liệu đo tại khu trồng`);
  if (record === null) {
    doc.text('Không có ngày gieo hoặc ngày trồng nên không đối chiếu được số liệu tưới.', { width: CONTENT });
    return;
  }
  const period = `${fmtDateTime(record.from)} – ${fmtDateTime(record.to)}`;
  if (record.status === 'none') {
    facts(doc, [
      ['Thời gian', period],
      ['Số liệu', 'Bộ điều khiển không gửi số liệu tưới nào của khu trong thời gian này.'],
    ]);
    return;
  }
  const missing = record.hoursInPeriod - record.hoursWithData;
  const longest = [...record.gaps].sort((a, b) => b.hours - a.hours).slice(0, LISTED_GAPS);
  const gapLines = record.gaps
    .filter((gap) => longest.includes(gap))
    .map((gap) => `${fmtDateTime(gap.from)} – ${fmtDateTime(gap.to)} (${number.format(gap.hours)} giờ)`);
  if (record.gaps.length > longest.length) gapLines.push(`và ${record.gaps.length - longest.length} khoảng ngắn hơn`);
  facts(doc, [
    ['Thời gian', period],
    [
      'Lượng nước tưới',
      record.litresPerM2 === null
        ? `${number.format(Math.round(record.litres))} lít`
        : `${number.format(Math.round(record.litres))} lít, tức ${number.format(record.litresPerM2)} lít/m² (khu ${number.format(areaM2)} m²)`,
    ],
    [
      'Số lần tưới',
      `${number.format(record.runs)}${record.fallbackRuns > 0 ? `, trong đó ${number.format(record.fallbackRuns)} lần tưới theo nhu cầu nước của cây khi cảm biến độ ẩm hỏng` : ''}`,
    ],
    [
      'Độ ẩm trong dải đặt',
      record.inBandShare === null
        ? 'Khu chưa đặt dải độ ẩm'
        : `${Math.round(record.inBandShare * 100)}% số giờ có số liệu${record.band ? ` (dải ${number.format(record.band.low)}–${number.format(record.band.high)}%)` : ''}`,
    ],
    ['Giờ có số liệu', `${number.format(record.hoursWithData)}/${number.format(record.hoursInPeriod)} giờ`],
    [
      'Thiếu số liệu',
      missing === 0 ? 'Không thiếu giờ nào.' : [`${number.format(missing)} giờ:`, ...gapLines].join('\n'),
    ],
  ]);
}

function harvestSection(doc: Doc, book: RecordBook) {
  section(doc, `8. Thu hoạch (${book.totals.harvests} lần, tổng ${number.format(book.totals.harvestKg)} kg)`);
  table(
    doc,
    [
      { header: 'Ngày giờ', width: 80 },
      { header: 'Khối lượng (kg)', width: 70, align: 'right' },
      { header: 'Ghi chú', width: 250 },
      { header: 'Người ghi', width: 90 },
    ],
    blocksOf(book.harvestLines, (l) => [
      dateCell(l),
      l.weightKg === null ? '' : number.format(l.weightKg),
      l.note ?? '',
      l.recordedBy,
    ]),
    'Chưa thu hoạch.',
  );
}

const recordName = { SEED_LOT: 'Hạt giống', PLANTING: 'Lứa trồng', HARVEST: 'Thu hoạch' } as const;
const unitName = (u: string | null) => (u === 'plants' ? 'cây' : u === 'seeds' ? 'hạt' : (u ?? ''));

/** What a corrected record said, on one line, in the book's language. */
function correctedFacts(row: RecordCorrectionRow, which: 'before' | 'after'): string {
  if (row.record === 'SEED_LOT') {
    const l = row[which];
    return `${l.variety}, ${l.supplier}, lô ${l.lotNumber}, nhận ${fmtDay(l.receivedOn)}, ${number.format(l.quantity)} ${unitName(l.quantityUnit)}${l.certificateNumber ? `, GCN ${l.certificateNumber}` : ''}`;
  }
  if (row.record === 'PLANTING') {
    const p = row[which];
    const quantity =
      p.quantity === null ? 'không ghi số lượng' : `${number.format(p.quantity)} ${unitName(row.quantityUnit)}`;
    const area = p.areaM2 === null ? '' : `, ${number.format(p.areaM2)} m²`;
    return `ngày ${fmtDay(p.plantedOn)}, ${quantity}${area}, lô hạt ${p.lotNumber}`;
  }
  const h = row[which];
  return `${fmtDateTime(h.harvestedAt)}, ${number.format(h.weightGrams / 1000)} kg`;
}

/**
 * Corrections of the seed lot, the planting and its harvests (decision 016): the sections above
 * print those records as they count; here, what each correction changed, why, who and when.
 */
function recordCorrectionSection(doc: Doc, book: RecordBook) {
  section(doc, `9. Sửa hạt giống, lứa trồng và thu hoạch (${book.recordCorrections.length} lần)`);
  table(
    doc,
    [
      { header: 'Bản ghi', width: 70 },
      { header: 'Trước khi sửa', width: 160 },
      { header: 'Sau khi sửa', width: 160 },
      { header: 'Người sửa, lúc', width: 100 },
    ],
    book.recordCorrections.map((row) => [
      {
        cells: [
          `${recordName[row.record]}\nSửa lần ${row.version}`,
          correctedFacts(row, 'before'),
          correctedFacts(row, 'after'),
          `${row.recordedBy}\n${fmtDateTime(row.recordedAt)}`,
        ],
        style: 'correction',
        note: `Lý do: ${row.reason}`,
      },
    ]),
    'Không có.',
  );
}

function signatures(doc: Doc) {
  if (doc.y + 90 > bottom(doc)) doc.addPage();
  doc.moveDown(2);
  const y = doc.y;
  const half = CONTENT / 2;
  doc.font('bold').text('Người ghi chép', MARGIN.left, y, { width: half, align: 'center' });
  doc.text('Người kiểm tra', MARGIN.left + half, y, { width: half, align: 'center' });
  doc.font('regular').fontSize(SIZE.small).fillColor(MUTED);
  doc.text('(ký, ghi rõ họ tên)', MARGIN.left, doc.y, { width: half, align: 'center' });
  doc.text('(ký, ghi rõ họ tên)', MARGIN.left + half, y + doc.currentLineHeight(true) + 2, {
    width: half,
    align: 'center',
  });
  doc.fontSize(SIZE.body).fillColor(INK);
}

/** Running head and foot of every page: what the book is, the date printed, Trang x/y. */
function pageFurniture(doc: Doc, book: RecordBook) {
  const { start, count } = doc.bufferedPageRange();
  const head = `Sổ ghi chép sản xuất · ${book.farm.name} · ${book.greenhouse.name}, ${book.zone.name} · ${book.product.nameVi}`;
  const printed = `In ngày ${fmtDate(book.printedAt)} lúc ${time.format(book.printedAt)}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not flow onto a new page.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    doc.font('regular').fontSize(SIZE.small).fillColor(MUTED);
    doc.text(head, MARGIN.left, 30, { width: CONTENT, lineBreak: false, ellipsis: true });
    doc
      .moveTo(MARGIN.left, 42)
      .lineTo(A4.width - MARGIN.right, 42)
      .lineWidth(0.5)
      .stroke(RULE);
    const footY = A4.height - 38;
    doc
      .moveTo(MARGIN.left, footY - 6)
      .lineTo(A4.width - MARGIN.right, footY - 6)
      .stroke(RULE);
    doc.text(printed, MARGIN.left, footY, { width: CONTENT / 2, lineBreak: false });
    doc.text(`Trang ${i - start + 1}/${count}`, MARGIN.left + CONTENT / 2, footY, {
      width: CONTENT / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins = margins;
  }
  doc.fillColor(INK);
}
