import jsQR from 'jsqr';
import * as mupdf from 'mupdf';

// Reads the QR codes printed in a PDF as a camera would see the paper: each page rendered to
// pixels by MuPDF (WASM, nothing to install), cut into the label grid, each label decoded by jsQR.

export type Grid = { columns: number; rows: number };
export type PageImage = { width: number; height: number; rgba: Uint8ClampedArray };

/** Every page of a PDF as RGBA pixels at `dpi`; `png` when asked, to look at. */
export function renderPdf(bytes: Uint8Array, dpi: number): (PageImage & { png: Uint8Array })[] {
  const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
  const pages = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const pixmap = doc.loadPage(i).toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false);
    pages.push({ ...toRgba(pixmap), png: pixmap.asPNG() });
  }
  return pages;
}

function toRgba(pixmap: mupdf.Pixmap): PageImage {
  const [width, height, stride, rgb] = [pixmap.getWidth(), pixmap.getHeight(), pixmap.getStride(), pixmap.getPixels()];
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = y * stride + x * 3;
      rgba.set([rgb[from]!, rgb[from + 1]!, rgb[from + 2]!, 255], (y * width + x) * 4);
    }
  }
  return { width, height, rgba };
}

function crop(page: PageImage, left: number, top: number, width: number, height: number): PageImage {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const start = ((top + y) * page.width + left) * 4;
    rgba.set(page.rgba.subarray(start, start + width * 4), y * width * 4);
  }
  return { width, height, rgba };
}

/** The text of the QR code in each cell of each page's grid, page by page, row by row (null: none read). */
export function decodeLabelGrid(pages: readonly PageImage[], grid: Grid): (string | null)[] {
  return pages.flatMap((page) => {
    const [w, h] = [Math.floor(page.width / grid.columns), Math.floor(page.height / grid.rows)];
    return Array.from({ length: grid.columns * grid.rows }, (_, i) => {
      const cell = crop(page, (i % grid.columns) * w, Math.floor(i / grid.columns) * h, w, h);
      return jsQR(cell.rgba, cell.width, cell.height)?.data ?? null;
    });
  });
}
