import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GetLoadContextFunction, createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import type { ViteDevServer } from 'vite';
import '../app/request-context.ts';
import { guardAreas } from '../app/auth/areas.server.ts';
import { env } from '../app/env.server.ts';
import { compressText } from './compress.ts';
import { boundedBodies, sameSitePosts, securityHeaders } from './guards.ts';
import { db } from '../app/db.server.ts';
import { keptPageOf, keptPages } from './kept-pages.ts';
import { cachingPages } from './page-caching.ts';
import { precompressedAssets } from './precompressed.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverBuildPath = path.join(webRoot, 'build', 'server', 'index.js');

export async function loadProductionBuild(): Promise<ServerBuild> {
  try {
    return (await import(serverBuildPath)) as ServerBuild;
  } catch (error) {
    throw new Error(`no web build at ${serverBuildPath}: run \`npm run build\` first (${String(error)})`);
  }
}

/** Where a checkout form may end: Stripe's payment page (or the tests' fake of it). */
function stripeCheckoutOrigins(): string[] {
  const { STRIPE_SECRET_KEY, STRIPE_API_BASE } = env();
  if (!STRIPE_SECRET_KEY) return [];
  return [STRIPE_API_BASE ? new URL(STRIPE_API_BASE).origin : 'https://checkout.stripe.com'];
}

const loadContext: GetLoadContextFunction = (req, res) => ({
  cspNonce: typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : undefined,
  clientAddress: req.ip,
  keptPage: keptPageOf(res),
});

/**
 * The HTTP app: security headers, requests from other sites and oversized bodies refused
 * (guards.ts), compression, static files, and Remix for everything else, its areas guarded
 * (auth/areas.server.ts) and its answers' caching set (page-caching.ts).
 */
export function createApp(
  source: { build: ServerBuild } | { vite: ViteDevServer },
  options: { trustProxy?: number } = {},
) {
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer the client's address is in X-Forwarded-For, as many hops back as there are proxies.
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(
    securityHeaders({
      https: () => env().PUBLIC_URL.startsWith('https:'),
      formTargets: stripeCheckoutOrigins,
    }),
  );
  app.use((_req, res, next) => {
    const instance = env().SEEDLINE_INSTANCE;
    if (instance) res.setHeader('X-Seedline-Instance', instance);
    next();
  });
  app.use(sameSitePosts(() => new URL(env().PUBLIC_URL).origin));
  app.use(boundedBodies());
  if ('vite' in source) {
    app.use(source.vite.middlewares);
    app.all(
      '*',
      createRequestHandler({
        build: async () => guardAreas((await source.vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild),
        mode: 'development',
        getLoadContext: loadContext,
      }),
    );
  } else {
    const client = path.join(webRoot, 'build', 'client');
    // Text answers compressed (compress.ts); built assets compressed once, at build (precompressed.ts).
    app.use(compressText());
    app.use('/assets', precompressedAssets(path.join(client, 'assets')));
    app.use(express.static(client, { maxAge: '1h' }));
    // Public pages kept rendered while they hold (kept-pages.ts); kept a minute by browsers with an
    // ETag, everything else private (page-caching.ts).
    app.use(keptPages(db));
    const build = cachingPages(guardAreas(source.build));
    app.all('*', createRequestHandler({ build, mode: 'production', getLoadContext: loadContext }));
  }
  return app;
}
