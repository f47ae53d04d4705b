// @ts-check
// `npm run package` (after `npm run build`): writes the deployable zip — the built app, host.json, the
// deployed manifest and the production dependencies only — for a Node 22 Function App to run from package.
// Usage: node infra/package.mjs [--out <file.zip>]   (default dist/fleetplane.zip)
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packageFiles } from './packaging/packageFiles.mjs';
import { writeZip } from './packaging/writeZip.mjs';

const projectRoot = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? path.join(projectRoot, 'dist', 'fleetplane.zip'));

const { files, appFileCount, dependencyCount } = packageFiles(projectRoot);
writeZip(files, out);

const megabytes = (statSync(out).size / 2 ** 20).toFixed(1);
const shown = out.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), out) : out;
console.log(
  `${shown}: ${megabytes} MiB, ${files.length} files (${appFileCount} of the app, the rest from ${dependencyCount} production packages)`,
);
