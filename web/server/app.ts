import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/node';
import express from 'express';
import type { ViteDevServer } from 'vite';
import { guardAreas } from '../app/auth/areas.server.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const serverBuildPath = path.join(webRoot, 'build', 'server', 'index.js');

export async function loadProductionBuild(): Promise<ServerBuild> {
  try {
    return (await import(serverBuildPath)) as ServerBuild;
  } catch (error) {
    throw new Error(`no web build at ${serverBuildPath}: run \`npm run build\` first (${String(error)})`);
  }
}

/**
 * The HTTP app: static files, a few security headers, and Remix for everything else, its areas
 * guarded (auth/areas.server.ts).
 */
export function createApp(source: { build: ServerBuild } | { vite: ViteDevServer }) {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });
  if ('vite' in source) {
    app.use(source.vite.middlewares);
    app.all(
      '*',
      createRequestHandler({
        build: async () => guardAreas((await source.vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild),
        mode: 'development',
      }),
    );
  } else {
    const client = path.join(webRoot, 'build', 'client');
    app.use('/assets', express.static(path.join(client, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(client, { maxAge: '1h' }));
    app.all('*', createRequestHandler({ build: guardAreas(source.build), mode: 'production' }));
  }
  return app;
}
