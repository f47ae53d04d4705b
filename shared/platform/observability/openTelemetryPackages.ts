/**
 * The OpenTelemetry packages, loaded only when telemetry starts (APPLICATIONINSIGHTS_CONNECTION_STRING is set):
 * without it a cold start loads none of them. Every other file of this folder imports their types only.
 */
import type * as AzureMonitor from '@azure/monitor-opentelemetry';
import type * as OpenTelemetryApi from '@opentelemetry/api';
import type * as OpenTelemetryLogsApi from '@opentelemetry/api-logs';

export function azureMonitorPackage(): typeof AzureMonitor {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@azure/monitor-opentelemetry') as typeof AzureMonitor;
}

export function openTelemetryApi(): typeof OpenTelemetryApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@opentelemetry/api') as typeof OpenTelemetryApi;
}

export function openTelemetryLogsApi(): typeof OpenTelemetryLogsApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@opentelemetry/api-logs') as typeof OpenTelemetryLogsApi;
}
