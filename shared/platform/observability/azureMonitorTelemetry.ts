import { app } from '@azure/functions';
import { openTelemetryApi, openTelemetryLogsApi, azureMonitorPackage } from './openTelemetryPackages';
import { otelLogRecorder } from './otelLogRecords';
import { otelHttpInvocationTracer } from './otelRequestSpans';
import type { AzureMonitorOverrides, Telemetry } from './telemetry';

const INSTRUMENTATION_SCOPE = 'fleetplane';

/**
 * Of the distro's instrumentations only the Azure SDK's: ARM and Storage calls become dependencies through the
 * SDK clients' own spans (one per operation and one per HTTP attempt). Plain HTTP spans would only repeat
 * them, and no database client is used.
 */
const INSTRUMENTATIONS = {
  azureSdk: { enabled: true },
  http: { enabled: false },
  mongoDb: { enabled: false },
  mySql: { enabled: false },
  postgreSql: { enabled: false },
  redis: { enabled: false },
  redis4: { enabled: false },
};

/**
 * Azure Monitor's OpenTelemetry distro with Fleetplane's choices: traces of the Azure SDK clients, log records
 * from our logger, and the worker's declaration that it exports its own logs.
 */
export function startAzureMonitorTelemetry(
  connectionString: string,
  overrides: AzureMonitorOverrides = {},
): Telemetry {
  const { useAzureMonitor, shutdownAzureMonitor } = azureMonitorPackage();
  useAzureMonitor({
    ...overrides,
    azureMonitorExporterOptions: { ...overrides.azureMonitorExporterOptions, connectionString },
    instrumentationOptions: INSTRUMENTATIONS,
  });
  // With this capability the host stops relaying the invocation's context.log lines to Application Insights
  // (they arrive once, as our structured records) but still shows them in its own log output.
  app.setup({ capabilities: { WorkerOpenTelemetryEnabled: true } });
  app.hook.appTerminate(() => shutdownAzureMonitor());
  return {
    recordLog: otelLogRecorder(openTelemetryLogsApi().logs.getLogger(INSTRUMENTATION_SCOPE)),
    traceHttpInvocation: otelHttpInvocationTracer(openTelemetryApi().trace.getTracer(INSTRUMENTATION_SCOPE)),
    shutdown: shutdownAzureMonitor,
  };
}
