/** `npm run functions`: loads the app as the worker would and prints the metadata the host would receive. */
import { readHostJson } from './hostJson';
import { loadFunctionApp } from './loadFunctionApp';
import { formatFunctionTable, summarize } from './functionList';

const appDir = process.cwd();
const app = loadFunctionApp(appDir);
const summaries = summarize(app.registrations, readHostJson(appDir).routePrefix);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ functions: summaries, metadata: app.registrations.map((r) => r.metadata) }, null, 2));
} else {
  console.log(formatFunctionTable(summaries));
  console.log(`\n${summaries.length} functions from ${app.entryPoints.length} files. Full metadata: npm run functions -- --json`);
}
