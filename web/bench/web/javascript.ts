import { gzipSync } from 'node:zlib';

// The JavaScript a browser loads with a page: every /assets/*.js the HTML names (module
// scripts, modulepreload links, the inline script's imports: Remix's manifest, the client entry,
// the root and route modules), plus whatever those import statically, so a chunk Remix did not
// preload is not missed. Dynamic imports (other routes' modules) load on navigation: not counted.

/** zlib's default, what Vite's build report and usual compression middleware use (not level 9). */
export const GZIP_LEVEL = 6;

export type ShippedFile = { path: string; bytes: number; gzipBytes: number };

export async function pageJavaScript(baseUrl: string, pagePath: string): Promise<ShippedFile[]> {
  const html = await (await fetchOk(baseUrl, pagePath)).text();
  const pending = [...referencedInHtml(html)];
  const seen = new Set(pending);
  const files: ShippedFile[] = [];
  while (pending.length > 0) {
    const path = pending.shift()!;
    const body = Buffer.from(await (await fetchOk(baseUrl, path)).arrayBuffer());
    files.push({ path, bytes: body.length, gzipBytes: gzipSync(body, { level: GZIP_LEVEL }).length });
    for (const imported of staticImports(body.toString(), path)) {
      if (!seen.has(imported)) {
        seen.add(imported);
        pending.push(imported);
      }
    }
  }
  if (files.length === 0) throw new Error(`${pagePath} references no JavaScript under /assets: is it a Remix page?`);
  return files.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

function referencedInHtml(html: string): Set<string> {
  const found = new Set<string>();
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)) found.add(m[1]!);
  // The inline module script: `import "/assets/manifest-….js"; import * as route0 from "/assets/root-….js"`.
  for (const m of html.matchAll(/\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?["'](\/assets\/[^"']+\.js)["']/g)) {
    found.add(m[1]!);
  }
  return found;
}

/** `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`; not `import("./x.js")`. */
function staticImports(code: string, fromPath: string): string[] {
  const specifiers = [...code.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g)].map((m) => m[1]!);
  const base = new URL(fromPath, 'http://assets.invalid');
  return specifiers
    .map((specifier) => new URL(specifier, base))
    .filter((url) => url.host === 'assets.invalid' && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
}

async function fetchOk(baseUrl: string, path: string): Promise<Response> {
  const response = await fetch(new URL(path, baseUrl));
  if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
  return response;
}
