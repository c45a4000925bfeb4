import { fileURLToPath } from 'node:url';
import { vitePlugin as remix } from '@remix-run/dev';
import sharp from 'sharp';
import { type Plugin, defineConfig } from 'vite';
import { precompressAssets } from './server/precompress.ts';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// Remix's browser runtime (React Router, Remix's components) ships as one chunk. Left to itself,
// Rollup splits React Router off as soon as a route (an area's layout) imports only `Outlet`, and
// two smaller files compress worse than one: every page paid about 1 KB more (bench:web).
const runtime = /node_modules\/(react-router|react-router-dom|@remix-run\/(react|router))\//;

// The web app manifest's icons (public/manifest.webmanifest): PNGs rendered from one SVG source
// by sharp, into the client build (and served by the dev server), never committed.
const iconSource = fileURLToPath(new URL('./icons/app-icon.svg', import.meta.url));
const iconSizes = [192, 512];
const renderIcon = (size: number) => sharp(iconSource).resize(size, size).png().toBuffer();

function appIcons(): Plugin {
  return {
    name: 'seedline-app-icons',
    async generateBundle() {
      for (const size of iconSizes) {
        this.emitFile({ type: 'asset', fileName: `icons/icon-${size}.png`, source: await renderIcon(size) });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const size = Number(/^\/icons\/icon-(\d+)\.png$/.exec(req.url ?? '')?.[1]);
        if (!iconSizes.includes(size)) return next();
        renderIcon(size).then((png) => res.setHeader('Content-Type', 'image/png').end(png), next);
      });
    },
  };
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    ...(isSsrBuild ? [] : [appIcons(), precompressAssets()]),
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  build: isSsrBuild
    ? {}
    : { rollupOptions: { output: { manualChunks: (id: string) => (runtime.test(id) ? 'remix' : undefined) } } },
  server: { port: 3000 },
}));
