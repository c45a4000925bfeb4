import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, ServerBuild } from '@remix-run/node';
import { type Area, isArea } from './areas.ts';
import { type SessionUser, requireArea } from './session.server.ts';

// An area (/account, /farm, /coop) is guarded once, by its layout route's handle, for every page
// below it. Remix runs a page's loader without its parent's when the client asks for that page's
// data alone (`/farm/x.data?_routes=…`), so a guard in the layout's loader would not be enough:
// here the server's build is rewritten so that every loader and action of every route below an
// area's layout checks the role first, and a child page cannot forget it.

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The signed-in user allowed into the area of the route: set by the guard, read with `areaUser`. */
    areaUser?: SessionUser;
  }
}

type RouteModule = ServerBuild['routes'][string]['module'];

function areaOfHandle(handle: unknown): Area | undefined {
  if (typeof handle !== 'object' || handle === null || !('area' in handle)) return undefined;
  return isArea(handle.area) ? handle.area : undefined;
}

/** The area a route is in: its own layout's, or the nearest ancestor's. */
export function areaOfRoute(build: Pick<ServerBuild, 'routes'>, routeId: string): Area | undefined {
  for (let route = build.routes[routeId]; route; route = route.parentId ? build.routes[route.parentId] : undefined) {
    const area = areaOfHandle(route.module.handle);
    if (area) return area;
  }
  return undefined;
}

function guarded<A extends LoaderFunctionArgs | ActionFunctionArgs, R>(area: Area, fn: (args: A) => R) {
  return async (args: A) => {
    const user = await requireArea(args.request, area);
    const context: AppLoadContext = { ...args.context, areaUser: user };
    return fn({ ...args, context });
  };
}

function guardModule(area: Area, module: RouteModule): RouteModule {
  const { loader, action } = module;
  return {
    ...module,
    ...(loader ? { loader: guarded(area, loader) } : {}),
    ...(action ? { action: guarded(area, action) } : {}),
  };
}

/** The build with every loader and action below an area's layout guarded by that area's role. */
export function guardAreas(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => {
      const area = areaOfRoute(build, id);
      return [id, area ? { ...route, module: guardModule(area, route.module) } : route];
    }),
  );
  return { ...build, routes };
}

/** The user of an area's page, as its guard let them in. */
export function areaUser(context: AppLoadContext): SessionUser {
  if (!context.areaUser) throw new Error('areaUser: this route is not below an area layout (guardAreas)');
  return context.areaUser;
}
