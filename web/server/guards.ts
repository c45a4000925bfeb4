import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

// What the HTTP server refuses before the app reads a request, and the headers every answer
// carries. Each is a small express middleware; app.ts puts them in order.

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths whose POSTs come from another site on purpose, with their own proof (a signature). */
const crossSiteAllowed = new Set(['/webhooks/stripe']);

/**
 * Refuses a POST another site made the visitor's browser send (log-in CSRF, an order placed in
 * their name). Browsers say where a request comes from: `Sec-Fetch-Site` (all current ones), else
 * `Origin`. A request with neither did not come from a browser page on another site.
 */
export function sameSitePosts(publicOrigin: () => string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!unsafeMethods.has(req.method) || crossSiteAllowed.has(req.path)) return next();
    if (fromThisSite(req, publicOrigin())) return next();
    res.status(403).type('text/plain; charset=utf-8').send('Cross-site request refused.\n');
  };
}

function fromThisSite(req: Request, publicOrigin: string): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (origin === undefined) return true;
  // "null" (a sandboxed frame, a privacy redirect) is no origin of ours either.
  return origin === publicOrigin || origin === `${req.protocol}://${req.get('host') ?? ''}`;
}

/**
 * The most a request body may hold, by path: forms are small; Stripe's events are larger; a form
 * with a photo larger still (`byPattern`, for paths with an id in them).
 */
export type BodyLimits = {
  default: number;
  byPath: Readonly<Record<string, number>>;
  byPattern?: ReadonlyArray<readonly [RegExp, number]>;
};

export const bodyLimits: BodyLimits = {
  // The longest form (checkout) is under 2 KB; 64 KB leaves room and refuses a flood.
  default: 64 * 1024,
  // The phone's outbox sends a kept record as its form did, photo and all (farm/outbox/).
  byPath: { '/webhooks/stripe': 1024 * 1024, '/farm/outbox': 60 * 1024 * 1024 },
  // A farm record with a photo. The app keeps at most 15 MB of it (farm/record-photos.ts) and
  // reads the rest only to answer beside the photo's field: a 50 MB photo is told so, not cut off.
  // A listing's photos, several at once (coop/listing-photos.server.ts keeps at most 25 MB of each).
  byPattern: [
    [/^\/farm\/farms\/[^/]+\/seed-lots$/, 60 * 1024 * 1024],
    [/^\/farm\/plantings\/[^/]+\/observation$/, 60 * 1024 * 1024],
    [/^\/coop\/listings\/[^/]+$/, 120 * 1024 * 1024],
  ],
};

function limitOf(limits: BodyLimits, path: string): number {
  return limits.byPath[path] ?? limits.byPattern?.find(([pattern]) => pattern.test(path))?.[1] ?? limits.default;
}

/**
 * Refuses a body over its limit before anyone reads it (413), and one of unknown length (411):
 * browsers always send the length of a form. Node's parser never reads past the length given.
 */
export function boundedBodies(limits: BodyLimits = bodyLimits) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!unsafeMethods.has(req.method)) return next();
    const limit = limitOf(limits, req.path);
    const length = req.get('content-length');
    if (length === undefined) {
      if (req.get('transfer-encoding') === undefined) return next();
      res.status(411).type('text/plain; charset=utf-8').send('A request body needs its Content-Length.\n');
      return;
    }
    if (!/^\d+$/.test(length) || Number(length) > limit) {
      res.status(413).type('text/plain; charset=utf-8').send(`A request body may hold at most ${limit} bytes.\n`);
      // The rest of the body is not read: close the connection rather than drain it.
      res.setHeader('Connection', 'close');
      return;
    }
    next();
  };
}

/** Where a page may load from and send to. `formTargets`: other origins a form may end at (Stripe). */
export function contentSecurityPolicy(nonce: string, formTargets: readonly string[]): string {
  return [
    "default-src 'self'",
    // Remix's inline scripts (its context and the module loader) carry this request's nonce.
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // A checkout form ends at Stripe's page through a redirect, which form-action also governs.
    `form-action 'self' ${formTargets.join(' ')}`.trim(),
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers of every answer: no sniffing, no framing, a strict referrer, a CSP with a fresh nonce
 * (handed to Remix through `res.locals.cspNonce`), and HSTS once the shop is served over https.
 */
export function securityHeaders(options: { https: () => boolean; formTargets: () => readonly string[] }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.cspNonce = nonce;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce, options.formTargets()));
    if (options.https()) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    keepCachedPolicyOn304(res);
    next();
  };
}

/**
 * A 304 says "the page you kept is still right": the browser (or a shared cache) keeps its body,
 * and takes the headers the 304 carries in place of the kept ones. A new CSP would name a nonce
 * the kept page's scripts do not carry, and the page would run none: a 304 sends no CSP.
 */
function keepCachedPolicyOn304(res: Response) {
  const writeHead = res.writeHead;
  // Whichever of writeHead's forms the caller used, passed on as it came.
  res.writeHead = function writeHeadKeepingPolicy(this: Response, ...args: unknown[]): Response {
    if (res.statusCode === 304 || args[0] === 304) res.removeHeader('Content-Security-Policy');
    Reflect.apply(writeHead, this, args);
    return this;
  };
}
