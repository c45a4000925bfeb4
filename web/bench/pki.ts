import { type PkiPaths, ensurePki } from '../../infra/local/pki.ts';

// The bench's throw-away PKI: a CA, the broker's, ingest's and one certificate per bridge.
export async function benchPki(dir: string, things: string[]): Promise<PkiPaths> {
  return (await ensurePki({ dir, things })).paths;
}
