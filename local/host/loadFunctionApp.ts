import { readFileSync } from 'node:fs';
import path from 'node:path';
import fastGlob from 'fast-glob';
import { installFunctionsCoreShim, type CapturedApp } from './functionsCoreShim';

export interface LoadedFunctionApp extends CapturedApp {
  appDir: string;
  entryPoints: string[];
}

/**
 * Loads the app like the Node worker's startApp: glob package.json `main`, require each match in order.
 * Unlike the worker, a file that fails to load is fatal here: a silently missing function is worse locally.
 */
export function loadFunctionApp(appDir: string): LoadedFunctionApp {
  const captured = installFunctionsCoreShim();
  const main = readMainPattern(appDir);
  const entryPoints = fastGlob.sync(main, { cwd: appDir, absolute: true }).sort();
  if (entryPoints.length === 0) {
    throw new Error(`Found zero files matching the supplied pattern "${main}" in ${appDir}. Run "npm run build".`);
  }
  for (const file of entryPoints) {
    try {
      // The worker loads entry points with require(), so registrations run exactly as they would in Azure.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    } catch (error) {
      throw new Error(`Worker was unable to load entry point "${path.relative(appDir, file)}": ${String(error)}`, {
        cause: error,
      });
    }
  }
  return { ...captured, appDir, entryPoints };
}

function readMainPattern(appDir: string): string {
  const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof pkg.main !== 'string' || pkg.main.length === 0) {
    throw new Error('package.json has no "main" glob of function entry points.');
  }
  return pkg.main;
}
