import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { compressibleAsset } from './precompress.ts';

// Serves a built asset's `.br` or `.gz` (written by the build, precompress.ts) to a browser that
// accepts it: the type of the original, `Content-Encoding`, `Vary: Accept-Encoding`, cached for a
// year (the file name carries its hash). Without a compressed copy, the file itself (express.static).

const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The asset's path in `dir`, or undefined when the URL leaves it or names no text asset. */
function assetPath(dir: string, urlPath: string): string | undefined {
  if (!compressibleAsset.test(urlPath)) return undefined;
  // Built names are plain ASCII: a percent-escape names no asset (express.static answers it).
  const file = path.join(dir, urlPath);
  return file.startsWith(dir + path.sep) ? file : undefined;
}

export function precompressedAssets(dir: string) {
  const options = { immutable: true, maxAge: '1y' } as const;
  const plain = express.static(dir, options);
  // A build's files do not change while it is served: one found is not looked for again. (Only
  // those found: any name may be asked for, and a set of all of them would grow without end.)
  const found = new Set<string>();
  const exists = (file: string) => {
    if (found.has(file)) return true;
    if (!fs.existsSync(file)) return false;
    found.add(file);
    return true;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? assetPath(dir, req.path) : undefined;
    if (!file) return plain(req, res, next);
    res.vary('Accept-Encoding');
    // Ours is the choice among those the request accepts: Brotli first (browsers list gzip first).
    const encoding = encodings.find((e) => req.acceptsEncodings(e.name) === e.name && exists(file + e.suffix));
    if (!encoding) return plain(req, res, next);
    // Set before sendFile, which keeps a Content-Type it finds (else it would name the `.br` file's).
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(file + encoding.suffix, options, (error?: Error) => error && next(error));
  };
}
