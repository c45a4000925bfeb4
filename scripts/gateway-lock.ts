// The packages a workspace needs in production, cut from the repository's package-lock.json at the
// places, versions and integrity the repository installs and tests: the body of the gateway's
// npm-shrinkwrap.json (decision 028). Resolving afresh on the gateway could pick versions CI never ran.
//
// Lock file v3: `packages` maps each install folder to its package; "" is the root, `node_modules/x`
// a top-level package, `node_modules/x/node_modules/y` one nested under x, and `<workspace>/node_modules/z`
// one that only that workspace sees. A package finds a dependency as Node does: in its own
// node_modules, then its parent's, up to the root's. The workspace becomes the new root, so its
// nested packages move up to `node_modules/`.
import { z } from 'zod';

const specs = z.record(z.string(), z.string());
const lockEntry = z.looseObject({
  version: z.string().optional(),
  link: z.boolean().optional(),
  dependencies: specs.optional(),
  optionalDependencies: specs.optional(),
  peerDependencies: specs.optional(),
  peerDependenciesMeta: z.record(z.string(), z.looseObject({ optional: z.boolean().optional() })).optional(),
});
export const lockfileSchema = z.looseObject({
  lockfileVersion: z.literal(3, { error: 'only lock file version 3 is supported (npm 9 or later writes it)' }),
  packages: z.record(z.string(), lockEntry),
});
export type Lockfile = z.infer<typeof lockfileSchema>;
export type LockEntry = z.infer<typeof lockEntry>;

type Edge = { name: string; optional: boolean; peer: boolean };
type Dependency = { to: string; optional: boolean; peer: boolean };

export type Closure = {
  /** The workspace's production packages, keyed by their folder with the workspace as the root. */
  packages: Record<string, LockEntry>;
  /** The names of those packages (for the root's overrides and allowScripts that still apply). */
  names: Set<string>;
};

/** The production closure of the workspace in folder `workspace` (e.g. "firmware-bridge"). */
export function productionClosure(lock: Lockfile, workspace: string): Closure {
  const graph = dependencyGraph(lock, workspace);
  // npm's flags, recomputed for the new root: optional when reached only through optional
  // dependencies, peer when only through peer ones. Nothing is dev: dev dependencies are left out.
  const required = reachable(graph, workspace, (d) => !d.optional);
  const nonPeer = reachable(graph, workspace, (d) => !d.peer);
  const packages: Record<string, LockEntry> = {};
  const names = new Set<string>();
  for (const location of [...graph.keys()].filter((l) => l !== workspace)) {
    const key = relocate(location, workspace);
    if (packages[key]) throw new Error(`${key} is both nested in ${workspace} and at the root: not supported`);
    const {
      dev: _dev,
      optional: _optional,
      devOptional: _devOptional,
      peer: _peer,
      ...entry
    } = lock.packages[location]!;
    packages[key] = {
      ...entry,
      ...(required.has(location) ? {} : { optional: true }),
      ...(nonPeer.has(location) ? {} : { peer: true }),
    };
    names.add(packageNameAt(key));
  }
  return { packages: sortedByFolder(packages), names };
}

/** Every package the workspace reaches through production edges, with where each edge resolves. */
function dependencyGraph(lock: Lockfile, workspace: string): Map<string, Dependency[]> {
  if (!lock.packages[workspace]) throw new Error(`the lock file has no workspace "${workspace}"`);
  const graph = new Map<string, Dependency[]>();
  const queue = [workspace];
  for (let location = queue.pop(); location !== undefined; location = queue.pop()) {
    if (graph.has(location)) continue;
    const dependencies: Dependency[] = [];
    for (const edge of edgesOf(lock.packages[location]!)) {
      const to = resolve(lock, location, edge.name);
      if (to === null) {
        // An optional dependency npm could not install anywhere is simply absent.
        if (edge.optional) continue;
        throw new Error(`${location} needs ${edge.name}, which the lock file does not hold`);
      }
      if (lock.packages[to]!.link)
        throw new Error(`${location} needs ${edge.name}, a link (another workspace): it cannot install alone`);
      dependencies.push({ to, optional: edge.optional, peer: edge.peer });
      queue.push(to);
    }
    graph.set(location, dependencies);
  }
  return graph;
}

/** The edges npm installs: dependencies, optional ones, and peers unless optional (dev ones never). */
function edgesOf(entry: LockEntry): Edge[] {
  const edges = new Map<string, Edge>();
  for (const name of Object.keys(entry.peerDependencies ?? {}))
    if (!entry.peerDependenciesMeta?.[name]?.optional) edges.set(name, { name, optional: false, peer: true });
  for (const name of Object.keys(entry.dependencies ?? {})) edges.set(name, { name, optional: false, peer: false });
  // A name in both is optional, as npm reads a package.json.
  for (const name of Object.keys(entry.optionalDependencies ?? {}))
    edges.set(name, { name, optional: true, peer: false });
  return [...edges.values()];
}

/** Where the package at `from` finds `name`: its own node_modules, then each parent's. */
export function resolve(lock: Lockfile, from: string, name: string): string | null {
  for (let at: string | null = from; at !== null; at = parentOf(at)) {
    const key = `${at === '' ? '' : `${at}/`}node_modules/${name}`;
    if (lock.packages[key]) return key;
  }
  return null;
}

function parentOf(location: string): string | null {
  if (location === '') return null;
  const at = location.lastIndexOf('/node_modules/');
  // `node_modules/x` and a workspace folder both sit in the root.
  return at < 0 ? '' : location.slice(0, at);
}

function reachable(graph: Map<string, Dependency[]>, from: string, follow: (d: Dependency) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = [from];
  for (let location = queue.pop(); location !== undefined; location = queue.pop()) {
    if (seen.has(location)) continue;
    seen.add(location);
    for (const dependency of graph.get(location) ?? []) if (follow(dependency)) queue.push(dependency.to);
  }
  return seen;
}

function relocate(location: string, workspace: string): string {
  return location.startsWith(`${workspace}/`) ? location.slice(workspace.length + 1) : location;
}

function packageNameAt(location: string): string {
  const at = location.lastIndexOf('node_modules/');
  return location.slice(at + 'node_modules/'.length);
}

/** npm's own order for `packages`, so a derived lock reads like one npm wrote. */
function sortedByFolder(packages: Record<string, LockEntry>): Record<string, LockEntry> {
  return Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
}
