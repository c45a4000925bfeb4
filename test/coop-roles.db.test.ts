import type { RouteConfigEntry } from '@remix-run/route-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import routes from '../web/app/routes.ts';
import { type DemoApp, openDemoApp } from './support/shop.ts';
import { signedInVisitor, visitor } from './support/web.ts';

// Every page of the co-op's back office, as routes.ts declares it (so a page added tomorrow is in
// this list without anyone editing it), opened by each kind of visitor: only staff and admins get
// in. Path parameters get a made-up id: the role is checked before anything is looked up, so the
// refused see the refusal and the allowed a page or a 404, never a crash.

/** Every URL pattern of routes.ts, each with its parents' segments. */
function urlPatterns(entries: readonly RouteConfigEntry[], parent = ''): string[] {
  return entries.flatMap((entry) => {
    const path = [parent, entry.path ?? ''].filter(Boolean).join('/');
    return [...(entry.index || entry.path ? [path] : []), ...urlPatterns(entry.children ?? [], path)];
  });
}

const coopPaths = [...new Set(urlPatterns(routes).filter((p) => p === 'coop' || p.startsWith('coop/')))].map(
  (pattern) => '/' + pattern.replace(/:\w+\??/g, 'no-such-id').replace(/\*$/, 'no-such-page'),
);

let app: DemoApp;
beforeAll(async () => {
  app = await openDemoApp(new Date());
});
afterAll(() => app?.close());

type Visitor = ReturnType<typeof visitor>;
const refusedWith = { anonymous: 'log-in', buyer: 403, farmer: 403, staff: null, admin: null } as const;
const accounts = {
  buyer: 'khachhang@example.vn',
  farmer: 'nongdan.xh@seedline.vn',
  staff: 'nhanvien@seedline.vn',
  admin: 'admin@seedline.vn',
};

async function visitors(): Promise<Record<keyof typeof refusedWith, Visitor>> {
  const signedIn = (email: string) => signedInVisitor(app.web.url, email);
  const [buyer, farmer, staff, admin] = await Promise.all(Object.values(accounts).map(signedIn));
  return { anonymous: visitor(app.web.url), buyer: buyer!, farmer: farmer!, staff: staff!, admin: admin! };
}

/** What a visitor met: sent to log in, refused (403), or let in (any other answer under 500). */
function outcome(response: Response): 'log-in' | 403 | null | string {
  if (response.status === 302 && response.headers.get('location')?.startsWith('/login?')) return 'log-in';
  if (response.status === 403) return 403;
  return response.status < 500 ? null : `status ${response.status}`;
}

describe('every /coop route of routes.ts', () => {
  it('is found in routes.ts, with the pages this test knows of among them', () => {
    expect(coopPaths).toEqual(expect.arrayContaining(['/coop', '/coop/orders', '/coop/members', '/coop/farms']));
  });

  it('lets in only staff and admins, and sends an anonymous visitor to log in', async () => {
    const who = await visitors();
    for (const path of coopPaths) {
      for (const [role, v] of Object.entries(who)) {
        const met = outcome(await v.get(path));
        expect({ path, role, met }).toEqual({ path, role, met: refusedWith[role as keyof typeof refusedWith] });
      }
    }
  });

  it('refuses a form posted to any of them by an anonymous visitor, a buyer or a farmer, and writes nothing', async () => {
    const who = await visitors();
    const before = await app.database.prisma.user.count();
    for (const path of coopPaths) {
      for (const role of ['anonymous', 'buyer', 'farmer'] as const) {
        const response = await who[role].post(path, { intent: 'save', name: 'X', email: 'x@example.vn' });
        // A page without an action answers every form 405, whoever sends it.
        if (response.status === 405) continue;
        expect({ path, role, met: outcome(response) }).toEqual({ path, role, met: refusedWith[role] });
      }
    }
    expect(await app.database.prisma.user.count()).toBe(before);
  });
});
