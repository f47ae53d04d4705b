import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * The installed package folders (`node_modules/a`, `node_modules/a/node_modules/b`) that Node reaches from the
 * project's `dependencies`, following each package's dependencies, optional and peer dependencies the way
 * require() finds them (the nearest node_modules upwards). Independent of package-lock.json's dev flags.
 */
export function reachablePackageFolders(root: string): Set<string> {
  const reached = new Set<string>();
  const visit = (fromFolder: string, manifest: Manifest) => {
    for (const [name, optional] of dependencyNames(manifest)) {
      const folder = resolvePackageFolder(root, fromFolder, name);
      if (folder === undefined) {
        if (optional) continue;
        throw new Error(`${name}, needed by ${fromFolder || 'the project'}, is not installed`);
      }
      if (reached.has(folder)) continue;
      reached.add(folder);
      visit(folder, readManifest(root, folder));
    }
  };
  visit('', readManifest(root, ''));
  return reached;
}

function dependencyNames(manifest: Manifest): Array<[string, boolean]> {
  const optionalPeer = (name: string) => manifest.peerDependenciesMeta?.[name]?.optional === true;
  return [
    ...Object.keys(manifest.dependencies ?? {}).map((name): [string, boolean] => [name, false]),
    ...Object.keys(manifest.optionalDependencies ?? {}).map((name): [string, boolean] => [name, true]),
    ...Object.keys(manifest.peerDependencies ?? {}).map((name): [string, boolean] => [
      name,
      optionalPeer(name),
    ]),
  ];
}

function resolvePackageFolder(root: string, fromFolder: string, name: string): string | undefined {
  for (let dir = fromFolder || '.'; ; dir = path.posix.dirname(dir)) {
    if (path.posix.basename(dir) !== 'node_modules') {
      const candidate = path.posix.join(dir, 'node_modules', name);
      if (existsSync(path.join(root, candidate, 'package.json'))) return candidate;
    }
    if (dir === '.') return undefined;
  }
}

function readManifest(root: string, folder: string): Manifest {
  return JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')) as Manifest;
}
