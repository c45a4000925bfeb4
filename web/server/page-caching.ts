import { createHash } from 'node:crypto';
import type { ServerBuild } from '@remix-run/node';
import { localeCookie } from '../app/i18n/locale.server.ts';
import type { KeptPageRender } from '../app/request-context.ts';

// How long the app's answers may be kept, and by whom (decision 029). The storefront's public
// pages (the catalogue, a batch's page, and their `.data` for client-side navigation) are the
// same for every visitor who has no cart and is not signed in: those a shared cache and the
// browser keep for a minute. Every other answer of the app that does not say otherwise (its own
// Cache-Control) is private and not stored: signed-in pages, forms, the back office.

/**
 * A minute fresh: a price or a stock level a visitor sees is at most a minute old, and then
 * checked again. Past that, a cache may answer once more with the stale copy while it asks the
 * server (stale-while-revalidate), for ten minutes at most: a quiet page still opens at once,
 * never with a price older than that. The cart and checkout always read the database.
 */
export const sharedPage = 'public, max-age=60, stale-while-revalidate=600';
/** Kept by this browser only, and asked again every time (a 304 when nothing changed). */
export const personalPage = 'private, no-cache';
export const notStored = 'private, no-store';

/** `/`, `/_root.data` (its data), `/batches/{lot}` and `/batches/{lot}.data`. */
const publicPages = [/^\/(?:_root\.data)?$/, /^\/batches\/[^/]+$/];

export function isPublicPage(pathname: string): boolean {
  return publicPages.some((page) => page.test(pathname));
}

/**
 * A request with any cookie but the language: a cart, a session, or something newer than this
 * code. Its page names the cart's count or the user, so it is kept for this browser only.
 */
export function personal(cookieHeader: string | null | undefined): boolean {
  const cookies = (cookieHeader ?? '').split(';').map((c) => c.split('=')[0]!.trim());
  return cookies.some((name) => name !== '' && name !== localeCookie.name);
}

/** The Cache-Control the app's answer gets, or undefined when its route chose one itself. */
export function cachePolicy(request: Request, response: Response): string | undefined {
  if (response.headers.has('Cache-Control')) return undefined;
  const cacheable =
    request.method === 'GET' &&
    response.status === 200 &&
    !response.headers.has('Set-Cookie') &&
    isPublicPage(new URL(request.url).pathname);
  if (!cacheable) return notStored;
  return personal(request.headers.get('Cookie')) ? personalPage : sharedPage;
}

/**
 * A weak validator of the page's bytes without its CSP nonce, which is new on every answer: two
 * renders of the same content have the same tag. Weak, because the bytes on the wire differ with
 * the compression the request asked for.
 */
export function pageTag(body: Uint8Array, nonce?: string): string {
  const text = Buffer.from(body).toString('utf8');
  const hash = createHash('sha256')
    .update(nonce ? text.replaceAll(nonce, '') : text)
    .digest('base64url');
  return `W/"${hash.slice(0, 27)}"`;
}

/** If-None-Match holds the tag (compared weakly, RFC 9110 §13.1.2). */
export function matches(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag));
}

/**
 * The answer with its Cache-Control; a cacheable one with its ETag, or 304 when the browser has it.
 * A shared page being kept rendered (`keptPage`, server/kept-pages.ts) is handed over to be kept.
 */
export async function withCaching(
  request: Request,
  response: Response,
  context: { nonce?: string; keptPage?: KeptPageRender } = {},
): Promise<Response> {
  const { nonce, keptPage } = context;
  const policy = cachePolicy(request, response);
  if (!policy) return response;
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', policy);
  const init = { status: response.status, statusText: response.statusText, headers };
  if (policy === notStored) return new Response(response.body, init);
  // Whether the page is shared or personal depends on the cookies; its language is a cookie too.
  // Accept-Encoding as the compressor adds it to a 200 (compress.ts): a 304 names the same Vary.
  headers.append('Vary', 'Cookie');
  headers.append('Vary', 'Accept-Encoding');
  // A public page is whole before it is sent (it waits on no deferred data): hash it, then send it.
  const body = new Uint8Array(await response.arrayBuffer());
  const tag = pageTag(body, nonce);
  headers.set('ETag', tag);
  if (policy === sharedPage) keptPage?.keep({ headers, text: Buffer.from(body).toString('utf8'), nonce, tag });
  if (!matches(request.headers.get('If-None-Match'), tag)) return new Response(body, init);
  headers.delete('Content-Type');
  headers.delete('Content-Length');
  return new Response(null, { status: 304, headers });
}

/** The build with every document and data answer given its Cache-Control (and ETag) on the way out. */
export function cachingPages(build: ServerBuild): ServerBuild {
  const { default: handleDocument, handleDataRequest } = build.entry.module;
  const module: ServerBuild['entry']['module'] = {
    ...build.entry.module,
    default: async (request, status, headers, context, loadContext) =>
      withCaching(request, await handleDocument(request, status, headers, context, loadContext), {
        nonce: loadContext.cspNonce,
        keptPage: loadContext.keptPage,
      }),
    handleDataRequest: async (response, args) =>
      withCaching(args.request, handleDataRequest ? await handleDataRequest(response, args) : response, {
        keptPage: args.context.keptPage,
      }),
  };
  return { ...build, entry: { ...build.entry, module } };
}
