import { type Db, calendarDay } from '@seedline/db';
import type { NextFunction, Request, Response } from 'express';
import type { KeptPageRender } from '../app/request-context.ts';
import { publicStoryVersion } from '../app/shop/story-cache.server.ts';
import { isPublicPage, matches, personal } from './page-caching.ts';

// The public pages (the catalogue, a batch's page, their `.data`) kept rendered in this process,
// for a visitor with no cart and no session (decision 036). Kept under the public version read
// before the page was rendered (every change those pages show raises it at commit: decision
// 031), within the day it was rendered and until the instant its loaders said it holds (a hold
// running out). Served again with this answer's own CSP nonce in place of the one it was
// rendered with, so a kept page is never a page as it was before a committed write, and its
// scripts run. One small read of the version a request, no loader, no render.

/** Pages kept at most: both languages of every batch on sale and the catalogue's common queries. */
const MAX_PAGES = 400;

type Validity = { version: bigint; day: string; from: number; until: number };
export type KeptPage = Validity & {
  headers: [string, string][];
  /** The page's text cut where its nonce was: joined again with the answer's own. */
  parts: string[];
  tag: string;
};

export class KeptPages {
  private readonly pages = new Map<string, KeptPage>();

  get(key: string, version: bigint, now: number): KeptPage | undefined {
    const page = this.pages.get(key);
    if (!page) return undefined;
    const holds =
      page.version === version && page.day === calendarDay(new Date(now)) && now >= page.from && now < page.until;
    if (!holds) {
      this.pages.delete(key);
      return undefined;
    }
    // Read again: it goes to the back of the eviction order.
    this.pages.delete(key);
    this.pages.set(key, page);
    return page;
  }

  keep(key: string, page: KeptPage): void {
    this.pages.delete(key);
    this.pages.set(key, page);
    const oldest = this.pages.keys().next();
    if (this.pages.size > MAX_PAGES && !oldest.done) this.pages.delete(oldest.value);
  }
}

/** What a kept page is known by: its address and the visitor's language (their only cookie). */
function keyOf(req: Request): string {
  return `${req.originalUrl} ${req.headers.cookie ?? ''}`;
}

/** The kept page as this request's answer: its headers, its tag, and its text with `nonce`. */
function send(req: Request, res: Response, page: KeptPage, nonce: string): void {
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader('X-Seedline-Page', 'kept');
  if (matches(req.headers['if-none-match'] ?? null, page.tag)) {
    res.removeHeader('Content-Type');
    res.status(304).end();
    return;
  }
  res.status(200).send(page.parts.join(nonce));
}

/** What the render is handed (through the load context) to keep the page it makes. */
function keeping(store: KeptPages, key: string, validity: Validity): KeptPageRender {
  const render: KeptPageRender = {
    until: validity.until,
    keep({ headers, text, nonce, tag }) {
      const kept = [...headers].filter(([name]) => name !== 'content-length' && name !== 'set-cookie');
      const parts = nonce ? text.split(nonce) : [text];
      store.keep(key, { ...validity, until: render.until, headers: kept, parts, tag });
    },
  };
  return render;
}

const renders = new WeakMap<Response, KeptPageRender>();

/** The page this answer is rendering to be kept, if it is one (for the load context). */
export function keptPageOf(res: Response): KeptPageRender | undefined {
  return renders.get(res);
}

/**
 * Answers a public page from those kept when it still holds; else hands the render what it needs
 * to keep it (`keptPageOf`, through the load context to page-caching.ts).
 */
export function keptPages(db: () => Db, store = new KeptPages()) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !isPublicPage(req.path) || personal(req.headers.cookie)) return next();
    try {
      const key = keyOf(req);
      const now = Date.now();
      // Read before the page: a change committing meanwhile raises the version past this one.
      const version = await publicStoryVersion(db());
      const page = store.get(key, version, now);
      const nonce = res.locals.cspNonce;
      if (page && typeof nonce === 'string') return send(req, res, page, nonce);
      renders.set(res, keeping(store, key, { version, day: calendarDay(new Date(now)), from: now, until: Infinity }));
      next();
    } catch (error) {
      next(error);
    }
  };
}
