/**
 * `@azure/monitor-query-logs` and `@azure/monitor-query-metrics`, loaded on first use like the ARM SDK
 * (platform/azure/lazySdk.ts): only a request that queries logs or metrics pays for them on a cold worker.
 */
import type * as MonitorQueryLogs from '@azure/monitor-query-logs';
import type * as MonitorQueryMetrics from '@azure/monitor-query-metrics';

let monitorQueryLogs: typeof MonitorQueryLogs | undefined;
let monitorQueryMetrics: typeof MonitorQueryMetrics | undefined;

export function monitorQueryLogsSdk(): typeof MonitorQueryLogs {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  monitorQueryLogs ??= require('@azure/monitor-query-logs') as typeof MonitorQueryLogs;
  return monitorQueryLogs;
}

export function monitorQueryMetricsSdk(): typeof MonitorQueryMetrics {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  monitorQueryMetrics ??= require('@azure/monitor-query-metrics') as typeof MonitorQueryMetrics;
  return monitorQueryMetrics;
}
