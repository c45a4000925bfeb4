// The package.json and npm-shrinkwrap.json of the bridge as a gateway installs it on its own
// (`npm ci --omit=dev`, decision 028): the workspace's manifest without what only the repository
// uses, with the root's Node version, overrides and install-script policy where they touch its
// packages, and the lock cut from the repository's.
import { z } from 'zod';
import { type LockEntry, type Lockfile, productionClosure } from './gateway-lock.ts';

const specs = z.record(z.string(), z.string());
export const manifestSchema = z.looseObject({
  name: z.string().min(1),
  version: z.string().min(1).optional(),
  dependencies: specs.optional(),
  devDependencies: specs.optional(),
  files: z.array(z.string()).optional(),
  scripts: specs.optional(),
  engines: specs.optional(),
  // A value is a version, or an object of overrides under that package.
  overrides: z.record(z.string(), z.unknown()).optional(),
  // npm 11's policy for dependencies' install scripts: true runs them, false skips them.
  allowScripts: z.record(z.string(), z.boolean()).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The scripts that work in the installed package (the others need the repository). */
const GATEWAY_SCRIPTS = ['bridge', 'build:firmware'];

export type GatewayPackage = { manifest: Manifest; shrinkwrap: Lockfile };

/** The gateway's package.json and npm-shrinkwrap.json for the workspace in folder `workspace`. */
export function gatewayPackage(root: Manifest, lock: Lockfile, workspace: Manifest, folder: string): GatewayPackage {
  if (!workspace.version) throw new Error(`${workspace.name} has no version: npm cannot pack it`);
  // Without `files` the pack would hold everything in the folder: tests, bench, build output.
  if (!workspace.files) throw new Error(`${workspace.name} has no \`files\`: say what a gateway needs`);
  const { packages, names } = productionClosure(lock, folder);
  const { devDependencies: _dev, scripts, overrides: _overrides, allowScripts: _allow, ...kept } = workspace;
  const applies = (spec: string) => names.has(packageName(spec));
  const overrides = pick(root.overrides ?? {}, applies);
  const allowScripts = pick(root.allowScripts ?? {}, applies);
  const manifest: Manifest = {
    ...kept,
    // npm 11 packs a shrinkwrap only when `files` names it.
    files: [...workspace.files, 'npm-shrinkwrap.json'],
    engines: root.engines ?? workspace.engines,
    scripts: pick(scripts ?? {}, (name) => GATEWAY_SCRIPTS.includes(name)),
    ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
    ...(Object.keys(allowScripts).length > 0 ? { allowScripts } : {}),
  };
  const rootEntry: LockEntry = {
    name: manifest.name,
    version: workspace.version,
    ...(manifest.dependencies ? { dependencies: manifest.dependencies } : {}),
    ...(manifest.engines ? { engines: manifest.engines } : {}),
  };
  const shrinkwrap: Lockfile = {
    name: manifest.name,
    version: workspace.version,
    lockfileVersion: 3,
    requires: true,
    packages: { '': rootEntry, ...packages },
  };
  return { manifest, shrinkwrap };
}

/** The package a spec names: `zod`, `zod@4`, `@scope/name@^1` → `zod`, `zod`, `@scope/name`. */
export function packageName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at < 0 ? spec : spec.slice(0, at);
}

function pick<T>(record: Record<string, T>, keep: (key: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keep(key)));
}
