import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePki } from './pki.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seedline-pki-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cert = async (file: string) => new X509Certificate(await readFile(file));

describe('ensurePki', () => {
  it('issues broker, ingest and thing certificates from one CA, with keys readable only by the owner', async () => {
    const { paths } = await ensurePki({ dir, things: ['seedline-xh-nm1'] });
    const ca = await cert(paths.ca.cert);
    const broker = await cert(paths.broker.cert);
    const thing = await cert(paths.thing('seedline-xh-nm1').cert);
    const ingest = await cert(paths.ingest.cert);

    expect(ca.ca).toBe(true);
    for (const leaf of [broker, thing, ingest]) {
      expect(leaf.ca).toBe(false);
      expect(leaf.verify(ca.publicKey)).toBe(true);
    }
    expect(broker.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
    expect(broker.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(thing.subject).toBe('CN=seedline-xh-nm1');
    expect(ingest.subject).toBe('CN=seedline-ingest');
    for (const key of [paths.ca.key, paths.broker.key, paths.ingest.key, paths.thing('seedline-xh-nm1').key]) {
      expect((await stat(key)).mode & 0o777).toBe(0o600);
    }
  });

  it('creates only what is missing and keeps an existing CA unless forced', async () => {
    const first = await ensurePki({ dir, things: ['seedline-xh-nm1'] });
    const caBefore = await readFile(first.paths.ca.cert, 'utf8');

    const second = await ensurePki({ dir, things: ['seedline-xh-nm1', 'seedline-yd-nl1'] });
    expect(second.created.map((f) => path.relative(dir, f))).toEqual([
      'things/seedline-yd-nl1.crt',
      'things/seedline-yd-nl1.key',
    ]);
    expect(await readFile(second.paths.ca.cert, 'utf8')).toBe(caBefore);

    const forced = await ensurePki({ dir, things: ['seedline-xh-nm1'], force: true });
    const newCa = await cert(forced.paths.ca.cert);
    expect(newCa.toString()).not.toBe(caBefore);
    // every leaf is reissued by the new CA
    expect((await cert(forced.paths.thing('seedline-xh-nm1').cert)).verify(newCa.publicKey)).toBe(true);
    expect((await cert(forced.paths.broker.cert)).verify(newCa.publicKey)).toBe(true);
  });

  it.each(['seedline-ingest', 'seedline-broker', 'a/b', '#', ''])('refuses %j as a thing name', async (name) => {
    await expect(ensurePki({ dir, things: [name] })).rejects.toThrow(/thing name/);
  });
});
