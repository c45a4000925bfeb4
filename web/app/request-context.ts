// What the HTTP server hands every loader and action besides the request (server/app.ts).
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This answer's Content-Security-Policy nonce, for the inline scripts Remix writes. */
    cspNonce?: string;
    /** The client's address (behind TRUST_PROXY hops of proxies): the key of per-client limits. */
    clientAddress?: string;
    /** Set when this answer is a public page the server may keep rendered (server/kept-pages.ts). */
    keptPage?: KeptPageRender;
  }
}

/** A public page being rendered to be kept (server/kept-pages.ts, decision 036). */
export type KeptPageRender = {
  /**
   * The instant (ms) its data stops holding with no write at all: a loader whose data runs out
   * by itself (an order's hold expiring) lowers it.
   */
  until: number;
  /** Keeps the rendered answer: its headers, its text, the nonce it was rendered with, its tag. */
  keep(answer: { headers: Headers; text: string; nonce?: string; tag: string }): void;
};
