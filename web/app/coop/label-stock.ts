// Label stocks the sheet is printed on, in millimetres. `a4` is the common 3 × 8 sheet of 70 × 37 mm
// labels (24 a sheet, no gaps, 0.5 mm left at top and bottom); `single` is one 70 × 37 mm label a
// page, what a roll-fed label printer takes.

export type LabelStock = {
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** Where the first label's top-left corner is on the page. */
  origin: { x: number; y: number };
};

export const labelStocks = {
  a4: {
    page: { width: 210, height: 297 },
    label: { width: 70, height: 37 },
    columns: 3,
    rows: 8,
    origin: { x: 0, y: 0.5 },
  },
  single: {
    page: { width: 70, height: 37 },
    label: { width: 70, height: 37 },
    columns: 1,
    rows: 1,
    origin: { x: 0, y: 0 },
  },
} as const satisfies Record<string, LabelStock>;

export type LabelStockName = keyof typeof labelStocks;

export function isLabelStockName(value: string | null): value is LabelStockName {
  return value !== null && Object.hasOwn(labelStocks, value);
}

/** The top-left corner (mm) of every label of `count`, page by page, left to right, top to bottom. */
export function labelCells(stock: LabelStock, count: number): { page: number; x: number; y: number }[] {
  const perPage = stock.columns * stock.rows;
  return Array.from({ length: count }, (_, i) => {
    const slot = i % perPage;
    return {
      page: Math.floor(i / perPage),
      x: stock.origin.x + (slot % stock.columns) * stock.label.width,
      y: stock.origin.y + Math.floor(slot / stock.columns) * stock.label.height,
    };
  });
}

/** The QR code's module size (mm): as large as the space allows, up to 0.8 mm. */
export function qrModuleMm(modules: number, spaceMm: number): number {
  // ISO/IEC 18004 asks for a quiet zone of 4 modules on each side.
  const size = Math.min(0.8, spaceMm / (modules + 8));
  // Below 0.5 mm a phone camera held at reading distance starts to miss modules on paper.
  if (size < 0.5) throw new RangeError(`a QR code of ${modules} modules does not fit ${spaceMm} mm at 0.5 mm a module`);
  return size;
}
