import type { HttpResponseInit } from '@azure/functions';
import { SettingsError } from '../settings/settings';
import { startAzureMonitorTelemetry } from './azureMonitorTelemetry';
import type { HttpInvocation, Telemetry, TelemetryOptions } from './telemetry';

let active: Telemetry | undefined;

/**
 * Starts exporting logs and traces to Application Insights when a connection string is given; otherwise does
 * nothing and loads nothing. Call it while the function modules load: the Functions host reads the worker's
 * capabilities once they have, and the Azure SDK clients must be traced from their first call.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry | undefined {
  const connectionString = options.connectionString?.trim();
  if (!connectionString || active) return active;
  if (!/(^|;)\s*InstrumentationKey=/i.test(connectionString)) {
    throw new SettingsError(
      'Invalid setting APPLICATIONINSIGHTS_CONNECTION_STRING: must contain InstrumentationKey=…',
    );
  }
  active = startAzureMonitorTelemetry(connectionString, options.overrides);
  return active;
}

/** The running telemetry; undefined when it was not started. */
export function activeTelemetry(): Telemetry | undefined {
  return active;
}

/** Exports what is pending and stops; a later startTelemetry starts afresh. */
export async function stopTelemetry(): Promise<void> {
  const stopping = active;
  active = undefined;
  await stopping?.shutdown();
}

/** The HTTP pipeline's hook: a request span around the invocation while telemetry runs, nothing otherwise. */
export function traceHttpInvocation(
  invocation: HttpInvocation,
  run: () => Promise<HttpResponseInit>,
): Promise<HttpResponseInit> {
  return active ? active.traceHttpInvocation(invocation, run) : run();
}
