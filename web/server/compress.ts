import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

// Text answers compressed on the fly (Brotli or gzip, as the request's Accept-Encoding says, with
// `Vary: Accept-Encoding`): HTML, Remix's `.data`, JSON, CSV, SVG. Built assets that were
// compressed at build time (precompressed.ts) arrive here with their Content-Encoding set and pass
// through; photos, PDFs and spreadsheets are compressed formats already (not "compressible").

/**
 * Server-Sent Events go out as they are: each event must reach the page at once, and a compressor
 * holds small writes back until it has a block's worth.
 */
function compressible(req: Request, res: Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '');
  if (type.startsWith('text/event-stream')) return false;
  return compression.filter(req, res);
}

/**
 * Sends what the compressor holds once the writer pauses. Remix streams a page in bursts of writes
 * (the shell, then each part that was waiting on data): a burst compresses as one, and its end
 * reaches the browser without waiting for the rest of the page.
 */
function flushWhenIdle() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const write = res.write;
    let scheduled = false;
    const flush = () => {
      scheduled = false;
      if (!res.writableEnded) res.flush();
    };
    // Whichever of write's forms the writer used, passed on as it came.
    res.write = function writeThenFlush(this: Response, ...args: unknown[]): boolean {
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return Reflect.apply(write, this, args) === true;
    };
    next();
  };
}

/** The compressor and its idle flush, in that order (the flush needs the compressor's `res.flush`). */
export function compressText() {
  // Brotli at quality 4 (the package's default) is as fast as gzip's default and smaller; the
  // assets that are sent many times get Brotli's best at build time instead.
  return [compression({ filter: compressible }), flushWhenIdle()];
}
