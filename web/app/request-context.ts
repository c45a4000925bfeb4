// What the HTTP server hands every loader and action besides the request (server/app.ts).
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This answer's Content-Security-Policy nonce, for the inline scripts Remix writes. */
    cspNonce?: string;
    /** The client's address (behind TRUST_PROXY hops of proxies): the key of per-client limits. */
    clientAddress?: string;
  }
}

export {};
