// @ts-check
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deployManifest } from './deployManifest.mjs';
import { loadDeployIgnore } from './deployIgnore.mjs';
import { productionPackageFolders } from './productionPackages.mjs';
import { walkFiles } from './walkFiles.mjs';

/**
 * The project manifest and tsc's copy of it (functions/openapi.ts reads its version from there): both are
 * shipped as the deployed manifest.
 */
const MANIFEST_ENTRIES = new Set(['package.json', 'dist/package.json']);

/**
 * Everything the package holds, in zip order: the app files .funcignore lets through (the built app,
 * host.json, the manifest), then the files of each production dependency (.funcignore applies there too).
 * @param {string} root
 * @returns {{ files: import('./writeZip.mjs').PackageFile[], appFileCount: number, dependencyCount: number }}
 */
export function packageFiles(root) {
  assertAppBuilt(root);
  const deploy = loadDeployIgnore(root);
  const manifest = deployManifest(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')));

  const appEntries = walkFiles(
    root,
    '',
    (dir) => dir !== 'node_modules' && deploy.deploysDirectory(dir),
  ).filter(deploy.deploysFile);
  const dependencyFolders = productionPackageFolders(root);
  // Packages nested in a package's own node_modules/ are dependency folders of their own.
  /** @param {string} dir */
  const insidePackage = (dir) => path.posix.basename(dir) !== 'node_modules' && deploy.deploysDirectory(dir);
  const dependencyEntries = dependencyFolders.flatMap((folder) =>
    walkFiles(root, folder, insidePackage).filter(deploy.deploysFile),
  );

  const files = [...appEntries.sort(), ...dependencyEntries.sort()].map((entry) =>
    MANIFEST_ENTRIES.has(entry) ? { entry, content: manifest } : { entry, source: path.join(root, entry) },
  );
  return { files, appFileCount: appEntries.length, dependencyCount: dependencyFolders.length };
}

/**
 * Every functions/*.ts must have its compiled entry point, or the package would silently lack a function.
 * @param {string} root
 */
function assertAppBuilt(root) {
  const missing = readdirSync(path.join(root, 'functions'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `dist/functions/${name.replace(/\.ts$/, '.js')}`)
    .filter((entry) => !existsSync(path.join(root, entry)));
  if (missing.length > 0)
    throw new Error(`Not built: ${missing.join(', ')}. Run "npm run build" first (npm run package does).`);
}
