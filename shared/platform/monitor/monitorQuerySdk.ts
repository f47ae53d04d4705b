/**
 * `@azure/monitor-query-logs`, loaded on first use like the ARM SDK (platform/azure/lazySdk.ts): only a
 * request that queries logs pays for it on a cold worker.
 */
import type * as MonitorQueryLogs from '@azure/monitor-query-logs';

let monitorQueryLogs: typeof MonitorQueryLogs | undefined;

export function monitorQueryLogsSdk(): typeof MonitorQueryLogs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  monitorQueryLogs ??= require('@azure/monitor-query-logs') as typeof MonitorQueryLogs;
  return monitorQueryLogs;
}
