import { chmod, lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Principal } from './args.ts';

export const AMAZON_ROOT_CA_FILE = 'AmazonRootCA1.pem';
export const AMAZON_ROOT_CA_URL = 'https://www.amazontrust.com/repository/AmazonRootCA1.pem';

export type OutputPaths = {
  dir: string;
  cert: string;
  key: string;
  /** `bridge-reporting.json` for a thing, `ingest.env` for ingest. */
  config: string;
  ca: string;
};

export function outputPaths(outDir: string, principal: Principal, caPath: string | undefined): OutputPaths {
  return {
    dir: outDir,
    cert: path.join(outDir, 'cert.pem'),
    key: path.join(outDir, 'private.key'),
    config: path.join(outDir, principal.kind === 'thing' ? 'bridge-reporting.json' : 'ingest.env'),
    ca: caPath ?? path.join(outDir, AMAZON_ROOT_CA_FILE),
  };
}

/**
 * Checked before anything is created in AWS: a refusal afterwards would leave a certificate whose
 * key was never saved. Overwriting loses the old key, and with it that certificate.
 */
export async function refuseToOverwrite(paths: OutputPaths, force: boolean): Promise<void> {
  if (force) return;
  for (const file of [paths.key, paths.cert]) {
    if (await exists(file)) {
      throw new Error(
        `${file} already exists: this folder holds credentials already. --force replaces them (the old certificate stays active in AWS until you revoke it)`,
      );
    }
  }
}

/** Key and certificate readable by the owner only, in a folder only the owner can enter. */
export async function writeOutputs(
  paths: OutputPaths,
  contents: { cert: string; key: string; config: string },
  force: boolean,
): Promise<{ warnings: string[] }> {
  const warnings: string[] = [];
  const existed = await exists(paths.dir);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  // An existing folder may be shared on purpose (/etc/seedline): warn rather than change it.
  if (existed && ((await stat(paths.dir)).mode & 0o077) !== 0) {
    warnings.push(`${paths.dir} is accessible to other users; the key inside is not (0600)`);
  } else if (!existed) {
    await chmod(paths.dir, 0o700);
  }
  const written: string[] = [];
  const temporary = `${paths.config}.${process.pid}.tmp`;
  try {
    for (const [file, text] of [
      [paths.key, contents.key],
      [paths.cert, contents.cert],
    ] as const) {
      if (force) await rm(file, { force: true });
      // `wx`: created here with its mode from the start, never an existing file (or a link) reused.
      await writeFile(file, text, { flag: 'wx', mode: 0o600 });
      written.push(file);
    }
    await writeFile(temporary, contents.config, { mode: 0o600 });
    await rename(temporary, paths.config);
  } catch (error) {
    await Promise.all([...written, temporary].map((file) => rm(file, { force: true })));
    throw error;
  }
  return { warnings };
}

/** A dangling link counts: writing through it would put the key somewhere else. */
export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
