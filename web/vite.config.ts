import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// Remix's browser runtime (React Router, Remix's components) ships as one chunk. Left to itself,
// Rollup splits React Router off as soon as a route (an area's layout) imports only `Outlet`, and
// two smaller files compress worse than one: every page paid about 1 KB more (bench:web).
const runtime = /node_modules\/(react-router|react-router-dom|@remix-run\/(react|router))\//;

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
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
