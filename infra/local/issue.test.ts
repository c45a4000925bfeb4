import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_COMMON_NAME } from './identity.ts';
import { issueThingCertificate } from './issue.ts';
import { ensurePki } from './pki.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-issue-test-'));
  await ensurePki({ dir, things: [] });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('issueThingCertificate', () => {
  it('signs a client certificate for the thing with the local CA, its key matching, and keeps no copy', async () => {
    const issued = await issueThingCertificate(dir, 'seedline-new-gh1');
    const cert = new X509Certificate(issued.certificatePem);
    expect(cert.subject).toBe('CN=seedline-new-gh1');
    expect(cert.verify(new X509Certificate(issued.caPem).publicKey)).toBe(true);
    expect(cert.keyUsage).toContain('1.3.6.1.5.5.7.3.2'); // clientAuth: no server certificate for a device
    const fromKey = createPublicKey(createPrivateKey(issued.privateKeyPem)).export({ format: 'der', type: 'spki' });
    expect(cert.publicKey.export({ format: 'der', type: 'spki' })).toEqual(fromKey);
    expect(await readdir(path.join(dir, 'things'))).toEqual([]);
  });

  it("refuses a service's name, so no greenhouse can be given ingest's identity", async () => {
    await expect(issueThingCertificate(dir, INGEST_COMMON_NAME)).rejects.toThrow(/not a valid thing name/);
    await expect(issueThingCertificate(dir, 'a/b')).rejects.toThrow(/not a valid thing name/);
  });

  it('refuses to work without a CA rather than making a new one', async () => {
    await expect(issueThingCertificate(path.join(dir, 'none'), 'seedline-new-gh1')).rejects.toThrow(/ENOENT/);
  });
});
