import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// DejaVu Sans Condensed (npm `dejavu-fonts-ttf`, free licence): PDF's standard fonts have no
// Vietnamese letters (docs/decisions/013-record-book-pdf.md). Read from disk once, when first used.

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;

export const dejaVu = () =>
  (fontFiles ??= {
    regular: fs.readFileSync(path.join(fontDir, 'DejaVuSansCondensed.ttf')),
    bold: fs.readFileSync(path.join(fontDir, 'DejaVuSansCondensed-Bold.ttf')),
  });
