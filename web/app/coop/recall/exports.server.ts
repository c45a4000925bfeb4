import { type Db, isValidLotCode, normalizeLotCode } from '@seedline/db';
import { notFound } from '../../http.server.ts';
import type { RecallChain } from './chain.ts';
import { loadRecallChain } from './chain.server.ts';
import { epcisDocument } from './epcis.ts';
import { fsmaCsv, fsmaRows } from './fsma.ts';
import { fsmaXlsx } from './fsma-xlsx.server.ts';

// The recall screen's downloads: a lot's chain as EPCIS 2.0 JSON-LD, or the FSMA 204 spreadsheet
// as CSV or XLSX.

export const exportFiles = {
  'epcis.jsonld': { type: 'application/ld+json; charset=utf-8', name: (lot: string) => `epcis-${lot}.jsonld` },
  'fsma-204.csv': { type: 'text/csv; charset=utf-8', name: (lot: string) => `fsma-204-${lot}.csv` },
  'fsma-204.xlsx': {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    name: (lot: string) => `fsma-204-${lot}.xlsx`,
  },
} as const;
export type ExportFile = keyof typeof exportFiles;

function isExportFile(file: string): file is ExportFile {
  return Object.hasOwn(exportFiles, file);
}

type At = { baseUrl: string; now: Date };

/** The body of one export; 404 for an unknown file or lot. */
export async function recallExport(db: Db, input: At & { lotCode: string; file: string }) {
  const lotCode = normalizeLotCode(input.lotCode);
  if (!isExportFile(input.file) || !isValidLotCode(lotCode)) notFound('No such export');
  const chain = await loadRecallChain(db, lotCode);
  if (!chain) notFound('No such lot');
  const { type, name } = exportFiles[input.file];
  return { body: await body(chain, input.file, input), type, name: name(lotCode) };
}

async function body(chain: RecallChain, file: ExportFile, at: At): Promise<string | Uint8Array> {
  switch (file) {
    case 'epcis.jsonld':
      return JSON.stringify(epcisDocument(chain, at), null, 2);
    case 'fsma-204.csv':
      return fsmaCsv(fsmaRows(chain));
    case 'fsma-204.xlsx':
      return fsmaXlsx(fsmaRows(chain));
  }
}
