import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Lockfile, lockfileSchema } from './gateway-lock.ts';
import { type Manifest, gatewayPackage, manifestSchema, packageName } from './gateway-package.ts';

const integrity = (name: string) => `sha512-${name}==`;
const registry = (name: string, version: string) => ({
  version,
  resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
  integrity: integrity(`${name}-${version}`),
});

/**
 * A repository with two workspaces. The bridge needs a (which needs b@2 where the root has b@1
 * for d, an optional native package, a peer and an optional peer) and zod@4, nested in the bridge
 * because web keeps zod@3 at the root; d is its dev dependency.
 */
function repositoryLock(extra: Lockfile['packages'] = {}): Lockfile {
  return lockfileSchema.parse({
    name: 'repo',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'repo', workspaces: ['bridge', 'web'] },
      bridge: {
        name: '@x/bridge',
        version: '0.1.0',
        dependencies: { a: '1.0.0', zod: '4.0.0' },
        devDependencies: { d: '1.0.0' },
      },
      web: { name: '@x/web', dependencies: { zod: '3.0.0', react: '18.0.0' } },
      'node_modules/@x/bridge': { resolved: 'bridge', link: true },
      'node_modules/@x/web': { resolved: 'web', link: true },
      'node_modules/a': {
        ...registry('a', '1.0.0'),
        license: 'MIT',
        dependencies: { b: '^2.0.0' },
        optionalDependencies: { native: '1.0.0', 'not-for-this-platform': '1.0.0' },
        peerDependencies: { peer: '1.0.0', 'optional-peer': '1.0.0' },
        peerDependenciesMeta: { 'optional-peer': { optional: true } },
      },
      'node_modules/a/node_modules/b': registry('b', '2.0.0'),
      'node_modules/b': { ...registry('b', '1.0.0'), dev: true },
      'node_modules/native': { ...registry('native', '1.0.0'), devOptional: true, hasInstallScript: true },
      'node_modules/peer': registry('peer', '1.0.0'),
      'node_modules/optional-peer': { ...registry('optional-peer', '1.0.0'), dev: true },
      'node_modules/d': { ...registry('d', '1.0.0'), dev: true, dependencies: { b: '1.0.0', native: '1.0.0' } },
      'bridge/node_modules/zod': registry('zod', '4.0.0'),
      'node_modules/zod': registry('zod', '3.0.0'),
      'node_modules/react': registry('react', '18.0.0'),
      ...extra,
    },
  });
}

const rootManifest: Manifest = {
  name: 'repo',
  engines: { node: '>=20.19 <21' },
  overrides: { react: '18.0.0', b: '2.0.0', 'native@1': '1.0.0', d: { b: '1.0.0' } },
  allowScripts: { native: true, 'optional-peer': false, prisma: false },
  scripts: { postinstall: 'prisma generate' },
};
const bridgeManifest: Manifest = {
  name: '@x/bridge',
  version: '0.1.0',
  type: 'module',
  files: ['src', '!src/**/*.test.ts'],
  dependencies: { a: '1.0.0', zod: '4.0.0' },
  devDependencies: { d: '1.0.0' },
  scripts: { bridge: 'tsx src/cli.ts', typecheck: 'tsc -p .', 'bench:irrigation': 'tsx bench/irrigation.ts' },
};

describe("the gateway's lock, cut from the repository's", () => {
  it('holds the production packages at the folders, versions and integrity the repository installs', () => {
    const { shrinkwrap } = gatewayPackage(rootManifest, repositoryLock(), bridgeManifest, 'bridge');
    const lock = repositoryLock().packages;
    expect(Object.keys(shrinkwrap.packages)).toEqual([
      '',
      'node_modules/a',
      'node_modules/a/node_modules/b',
      'node_modules/native',
      'node_modules/peer',
      'node_modules/zod',
    ]);
    // zod@4 was the bridge's own (nested in the workspace); with the bridge as the root it is the root's.
    expect(shrinkwrap.packages['node_modules/zod']).toEqual(lock['bridge/node_modules/zod']);
    expect(shrinkwrap.packages['node_modules/a']).toEqual(lock['node_modules/a']);
    expect(shrinkwrap.packages['node_modules/a/node_modules/b']).toEqual(lock['node_modules/a/node_modules/b']);
  });

  it('leaves out dev dependencies, optional peers and the other workspaces, and flags as the new root sees it', () => {
    const { shrinkwrap } = gatewayPackage(rootManifest, repositoryLock(), bridgeManifest, 'bridge');
    const keys = Object.keys(shrinkwrap.packages);
    for (const absent of ['node_modules/d', 'node_modules/b', 'node_modules/optional-peer', 'node_modules/react'])
      expect(keys).not.toContain(absent);
    // Optional only (d, a dev dependency, made it dev-and-optional in the repository).
    expect(shrinkwrap.packages['node_modules/native']).toMatchObject({ optional: true, hasInstallScript: true });
    expect(shrinkwrap.packages['node_modules/native']).not.toHaveProperty('devOptional');
    expect(shrinkwrap.packages['node_modules/peer']).toMatchObject({ peer: true });
    expect(shrinkwrap.packages['node_modules/a']).not.toHaveProperty('optional');
  });

  it("has a root entry that matches the gateway's package.json, which npm ci checks", () => {
    const { manifest, shrinkwrap } = gatewayPackage(rootManifest, repositoryLock(), bridgeManifest, 'bridge');
    expect(shrinkwrap).toMatchObject({ name: '@x/bridge', version: '0.1.0', lockfileVersion: 3, requires: true });
    expect(shrinkwrap.packages['']).toEqual({
      name: '@x/bridge',
      version: '0.1.0',
      dependencies: manifest.dependencies,
      engines: { node: '>=20.19 <21' },
    });
  });

  it('refuses a workspace that needs another workspace, a dependency the lock lacks, or a clash on moving up', () => {
    const needsWeb = repositoryLock({ 'node_modules/a': { version: '1.0.0', dependencies: { '@x/web': '*' } } });
    expect(() => gatewayPackage(rootManifest, needsWeb, bridgeManifest, 'bridge')).toThrow(
      'node_modules/a needs @x/web, a link (another workspace): it cannot install alone',
    );
    const missing = repositoryLock({ 'node_modules/peer': { version: '1.0.0', dependencies: { gone: '1' } } });
    expect(() => gatewayPackage(rootManifest, missing, bridgeManifest, 'bridge')).toThrow(
      'node_modules/peer needs gone, which the lock file does not hold',
    );
    // peer needs zod@3 from the root while the bridge has zod@4: both would be node_modules/zod.
    const clash = repositoryLock({ 'node_modules/peer': { version: '1.0.0', dependencies: { zod: '3.0.0' } } });
    expect(() => gatewayPackage(rootManifest, clash, bridgeManifest, 'bridge')).toThrow(
      'node_modules/zod is both nested in bridge and at the root: not supported',
    );
    expect(() => gatewayPackage(rootManifest, repositoryLock(), bridgeManifest, 'infra')).toThrow(
      'the lock file has no workspace "infra"',
    );
  });
});

describe("the gateway's package.json", () => {
  it("keeps the root's overrides and script policy only where they touch the bridge's packages", () => {
    const { manifest } = gatewayPackage(rootManifest, repositoryLock(), bridgeManifest, 'bridge');
    expect(manifest.overrides).toEqual({ b: '2.0.0', 'native@1': '1.0.0' });
    expect(manifest.allowScripts).toEqual({ native: true });
    expect(manifest.engines).toEqual({ node: '>=20.19 <21' });
  });

  it('drops dev dependencies and the scripts that need the repository, and packs the shrinkwrap', () => {
    const { manifest } = gatewayPackage(rootManifest, repositoryLock(), bridgeManifest, 'bridge');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest.scripts).toEqual({ bridge: 'tsx src/cli.ts' });
    expect(manifest.files).toEqual(['src', '!src/**/*.test.ts', 'npm-shrinkwrap.json']);
    expect(manifest).toMatchObject({ name: '@x/bridge', version: '0.1.0', type: 'module' });
  });

  it('refuses a workspace without a version or without `files`', () => {
    const { version: _version, ...unversioned } = bridgeManifest;
    expect(() => gatewayPackage(rootManifest, repositoryLock(), unversioned, 'bridge')).toThrow('has no version');
    const { files: _files, ...everything } = bridgeManifest;
    expect(() => gatewayPackage(rootManifest, repositoryLock(), everything, 'bridge')).toThrow('has no `files`');
  });

  it('reads the package a spec names', () => {
    expect(['zod', 'zod@4', '@serialport/bindings', '@scope/name@^1.2'].map(packageName)).toEqual([
      'zod',
      'zod',
      '@serialport/bindings',
      '@scope/name',
    ]);
  });
});

describe("this repository's bridge", () => {
  const read = (file: string) => JSON.parse(fs.readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
  const { manifest, shrinkwrap } = gatewayPackage(
    manifestSchema.parse(read('package.json')),
    lockfileSchema.parse(read('package-lock.json')),
    manifestSchema.parse(read('firmware-bridge/package.json')),
    'firmware-bridge',
  );

  it('locks no database, image, web or test package, and runs no Prisma on install', () => {
    const names = Object.keys(shrinkwrap.packages).map((key) => key.slice(key.lastIndexOf('node_modules/') + 13));
    expect(names).toEqual(expect.arrayContaining(['johnny-five', 'aws-iot-device-sdk-v2', 'tsx', 'zod']));
    const unwanted = /^(prisma|@prisma\/|sharp$|@img\/|@remix-run\/|react$|avr8js$|mock-firmata$|avrgirl-arduino$)/;
    expect(names.filter((name) => unwanted.test(name))).toEqual([]);
    expect(manifest.scripts ?? {}).not.toHaveProperty('postinstall');
  });
});
