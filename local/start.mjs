// `npm start` (and, with --build-only, the scripts that run compiled tools): builds when the compiled output is missing or older than
// the sources, then runs the local stack (Azurite, the AKS emulator, the dev token issuer and the local Functions host).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stamp = path.join(root, 'dist', 'local', 'stack', 'start.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const sources = ['functions', 'shared', 'local', 'bench'].map((d) => path.join(root, d)).filter(existsSync);
const stale = !existsSync(stamp) || Math.max(...sources.map(newestSource), statSync(path.join(root, 'package.json')).mtimeMs) > statSync(stamp).mtimeMs;
const buildOnly = process.argv.includes('--build-only');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (stale) {
  console.log('Building (tsc)…');
  // A clean build, so that a deleted function file cannot linger in dist/ and still be loaded.
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const build = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!buildOnly) await import(stamp);
