// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The installed folders of the production dependency closure, e.g. `node_modules/@azure/identity` or
 * `node_modules/a/node_modules/b`: every package-lock.json entry npm does not mark `dev` (only reachable
 * from devDependencies) — what `npm ci --omit=dev` would install. Optional packages count only when
 * installed (platform-specific ones may be absent). Each one must be installed at the locked version, so
 * the package ships exactly what the lockfile says.
 * @param {string} root
 * @returns {string[]}
 */
export function productionPackageFolders(root) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  if (lock.lockfileVersion < 2)
    throw new Error(`package-lock.json v${lock.lockfileVersion} has no "packages" map; run npm install.`);
  const folders = [];
  for (const [folder, entry] of Object.entries(lock.packages)) {
    if (folder === '' || entry.dev) continue;
    if (entry.link)
      throw new Error(
        `${folder} is a link (workspace or file: dependency); the packager does not follow links.`,
      );
    const installed = installedVersion(root, folder);
    if (installed === undefined && (entry.optional || entry.devOptional)) continue;
    if (installed !== entry.version) {
      throw new Error(
        `${folder} is ${installed ?? 'not installed'}, package-lock.json says ${entry.version}: run npm ci.`,
      );
    }
    folders.push(folder);
  }
  return folders;
}

/** @param {string} root @param {string} folder */
function installedVersion(root, folder) {
  const manifest = path.join(root, folder, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}
