import { type Db, isValidLotCode, normalizeLotCode } from '@seedline/db';
import { notFound } from '../../http.server.ts';
import { loadRecallChain } from './chain.server.ts';
import { epcisDocument } from './epcis.ts';
import { fsmaCsv, fsmaRows } from './fsma.ts';

// The recall screen's downloads: a lot's chain as EPCIS 2.0 JSON-LD or the FSMA 204 spreadsheet.

export const exportFiles = {
  'epcis.jsonld': { type: 'application/ld+json; charset=utf-8', name: (lot: string) => `epcis-${lot}.jsonld` },
  'fsma-204.csv': { type: 'text/csv; charset=utf-8', name: (lot: string) => `fsma-204-${lot}.csv` },
} as const;
export type ExportFile = keyof typeof exportFiles;

function isExportFile(file: string): file is ExportFile {
  return Object.hasOwn(exportFiles, file);
}

/** The body of one export; 404 for an unknown file or lot. */
export async function recallExport(db: Db, input: { lotCode: string; file: string; baseUrl: string; now: Date }) {
  const lotCode = normalizeLotCode(input.lotCode);
  if (!isExportFile(input.file) || !isValidLotCode(lotCode)) notFound('No such export');
  const chain = await loadRecallChain(db, lotCode);
  if (!chain) notFound('No such lot');
  const body =
    input.file === 'epcis.jsonld'
      ? JSON.stringify(epcisDocument(chain, { baseUrl: input.baseUrl, now: input.now }), null, 2)
      : fsmaCsv(fsmaRows(chain));
  return { body, type: exportFiles[input.file].type, name: exportFiles[input.file].name(lotCode) };
}
