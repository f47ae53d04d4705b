/**
 * The local Functions host: loads the app's v4 registrations as the Node worker does and serves them
 * (HTTP on LOCAL_HOST_PORT, timers on their NCRONTAB schedules, queue triggers polling Storage queues).
 * `node dist/local/host/main.js [appDir]`.
 */
import { parseSettings } from '../../shared/platform/settings/settings';
import { StorageAccount } from '../../shared/platform/storage/storageAccount';
import { formatFunctionTable, summarize } from './functionList';
import { readHostJson } from './hostJson';
import { parseHostSettings, type HostSettings } from './hostSettings';
import { httpFunctionsOf } from './httpFunctions';
import { startHttpHost } from './httpServer';
import { hostLog } from './invocationLog';
import { loadFunctionApp } from './loadFunctionApp';
import { applyLocalSettings } from './localSettings';
import type { BlobServiceClient } from '@azure/storage-blob';
import { hostBlobService } from './timers/hostBlobStorage';
import { OccurrenceClaims } from './timers/occurrenceClaims';
import { queueFunctionsOf } from './queues/queueFunctions';
import type { QueueHostOptions } from './queues/queueHostOptions';
import { QueueTriggers } from './queues/queueTriggers';
import { TimerScheduler, timerFunctionsOf } from './timers/timerScheduler';

async function main(): Promise<void> {
  const appDir = process.argv[2] ?? process.cwd();
  applyLocalSettings(appDir);
  const hostSettings = parseHostSettings(process.env);
  const settings = parseSettings(process.env);
  const { routePrefix, queues: queueOptions } = readHostJson(appDir);
  const app = loadFunctionApp(appDir);
  if (app.hooks.size > 0) hostLog(`Hooks registered (${[...app.hooks.keys()].join(', ')}) are not run by the local host.`);

  const http = await startHttpHost({
    functions: httpFunctionsOf(app.registrations, routePrefix),
    host: hostSettings.LOCAL_HOST_BIND,
    port: hostSettings.LOCAL_HOST_PORT,
    keys: {
      enforce: hostSettings.LOCAL_HOST_ENFORCE_KEYS,
      functionKey: hostSettings.LOCAL_HOST_FUNCTION_KEY,
      masterKey: hostSettings.LOCAL_HOST_MASTER_KEY,
    },
  });
  const timers = startTimers(app.registrations, hostSettings, hostBlobService(settings, new StorageAccount(settings)));
  await timers.start();
  const queues = startQueueTriggers(app.registrations, hostSettings, queueOptions);

  const summaries = summarize(app.registrations, routePrefix);
  process.stdout.write(`\nFunctions:\n${indent(formatFunctionTable(summaries))}\n\n`);
  hostLog('Host started', { url: `${http.url}/${routePrefix}`, functions: summaries.length, hostId: hostSettings.LOCAL_HOST_ID });

  const stop = async (signal: string) => {
    hostLog('Host stopping', { signal });
    await Promise.all([timers.stop(), queues.stop()]);
    await http.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function startTimers(
  registrations: Parameters<typeof timerFunctionsOf>[0],
  hostSettings: HostSettings,
  blobs: BlobServiceClient,
): TimerScheduler {
  const timers = hostSettings.LOCAL_HOST_TIMERS ? timerFunctionsOf(registrations) : [];
  return new TimerScheduler(timers, { claims: new OccurrenceClaims(blobs, hostSettings.LOCAL_HOST_ID) });
}

function startQueueTriggers(
  registrations: Parameters<typeof queueFunctionsOf>[0],
  hostSettings: HostSettings,
  options: QueueHostOptions,
): QueueTriggers {
  const functions = hostSettings.LOCAL_HOST_QUEUES ? queueFunctionsOf(registrations, process.env) : [];
  const queues = new QueueTriggers(functions, { options, env: process.env });
  queues.start();
  return queues;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
