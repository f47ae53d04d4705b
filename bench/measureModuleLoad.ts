/** Child process of bench/startup: loads every function module as the worker does and prints the time taken. */
import { performance } from 'node:perf_hooks';
import { loadFunctionApp } from '../local/host/loadFunctionApp';

const started = performance.now();
const app = loadFunctionApp(process.argv[2] ?? process.cwd());
const elapsed = performance.now() - started;
const modules = Object.keys(require.cache).length;
process.stdout.write(`${JSON.stringify({ loadMs: elapsed, functions: app.registrations.length, modules })}\n`);
