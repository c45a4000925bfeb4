// A bridge's certificate and key from the local CA, handed over once: for the co-op's page that
// registers a greenhouse (web/app/coop/provision.server.ts). Unlike ensurePki, nothing is kept in
// the PKI folder: the key exists only in the answer (like AWS IoT's CreateKeysAndCertificate), so
// losing it means issuing another, and whoever reads the folder later finds no device keys in it.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isValidThingName } from './identity.ts';
import { createLeaf, pkiPaths } from './pki.ts';

export type IssuedThing = { certificatePem: string; privateKeyPem: string; caPem: string };

/** Signs a client certificate with CN = `thingName` (the broker's ACL gives it only its own topics). */
export async function issueThingCertificate(pkiDir: string, thingName: string, days = 825): Promise<IssuedThing> {
  if (!isValidThingName(thingName)) throw new Error(`not a valid thing name: ${JSON.stringify(thingName)}`);
  const { ca } = pkiPaths(pkiDir);
  // The CA is made by `npm start` or `npm run certs`; never here, where a second CA would go unnoticed.
  await Promise.all([stat(ca.cert), stat(ca.key)]);
  const scratch = await mkdtemp(path.join(tmpdir(), 'seedline-issue-'));
  try {
    const leaf = { cert: path.join(scratch, 'thing.crt'), key: path.join(scratch, 'thing.key') };
    await createLeaf(ca, leaf, thingName, 'client', days);
    const [certificatePem, privateKeyPem, caPem] = await Promise.all([
      readFile(leaf.cert, 'utf8'),
      readFile(leaf.key, 'utf8'),
      readFile(ca.cert, 'utf8'),
    ]);
    return { certificatePem, privateKeyPem, caPem };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
