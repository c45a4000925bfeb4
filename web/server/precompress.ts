import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

// At build time, a `.br` and a `.gz` beside each text file of the client build's assets, compressed
// once at the highest settings (precompressed.ts serves them). A hashed asset is sent to every
// visitor and never changes: the seconds spent here save bytes on every first visit.

/** The files worth compressing: scripts, styles, source maps, SVG, JSON. Fonts and images are compressed already. */
export const compressibleAsset = /\.(?:js|mjs|css|map|svg|json|txt)$/;

/** Below this a compressed file saves less than a packet. */
const minBytes = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

export async function precompressFile(file: string): Promise<void> {
  const bytes = await fs.readFile(file);
  if (bytes.byteLength < minBytes) return;
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      },
    }),
    gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
}

/** A Vite plugin: after the client build is written, compresses the text files under `assets/`. */
export function precompressAssets(): Plugin {
  return {
    name: 'seedline-precompress-assets',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const files = Object.keys(bundle).filter((name) => name.startsWith('assets/') && compressibleAsset.test(name));
      await Promise.all(files.map((name) => precompressFile(path.join(dir, name))));
    },
  };
}
