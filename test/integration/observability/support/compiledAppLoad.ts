import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Loads every function module of the compiled app and reports what it pulled in and which hooks it registered. */
const LOAD_LIKE_THE_WORKER = `
const { loadFunctionApp } = require(${JSON.stringify(path.join(repoRoot, 'dist/local/host/loadFunctionApp.js'))});
const app = loadFunctionApp(${JSON.stringify(repoRoot)});
// Exit once written: a started distro keeps timers alive, and a pipe is written asynchronously.
process.stdout.write(JSON.stringify({ files: Object.keys(require.cache), hooks: [...app.hooks.keys()] }), () => process.exit(0));
`;

export interface CompiledAppLoad {
  /** Every module file loaded by the time the last function module was. */
  files: string[];
  /** The @azure/functions-core hooks registered meanwhile (the Node worker would run them). */
  hooks: string[];
}

/**
 * The compiled app (`dist/`, built by `npm test` before the suites) loaded in a fresh process the way the Node
 * worker loads it, with exactly the given environment: a fresh require cache shows what a cold start loads.
 */
export async function loadCompiledApp(env: Record<string, string>): Promise<CompiledAppLoad> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LOAD_LIKE_THE_WORKER], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as CompiledAppLoad;
}
