import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { LogLevel } from './logLevel';

/** One log line after redaction: the fields plus `message`. */
export type LogLine = Record<string, unknown> & { message: string };

/** What the logger and the HTTP pipeline ask of OpenTelemetry while it runs. */
export interface Telemetry {
  /** Emits the line as an OpenTelemetry log record (fields as attributes) in the active trace context. */
  recordLog(level: LogLevel, line: LogLine): void;
  /** Runs an HTTP invocation in a request span, unless the Functions host's trace context is already active. */
  traceHttpInvocation(
    invocation: HttpInvocation,
    run: () => Promise<HttpResponseInit>,
  ): Promise<HttpResponseInit>;
  /** Exports what is pending and stops exporting. */
  shutdown(): Promise<void>;
}

export interface HttpInvocation {
  request: HttpRequest;
  context: InvocationContext;
  /** The route template, e.g. `subscriptions/{subscriptionId}/…`: spans are named by it, not by the raw path. */
  route: string;
}

/**
 * Where the Azure Monitor defaults give way. Tests add in-memory processors next to the Azure Monitor exporters,
 * sample everything and turn off what would reach out to the network on its own (live and standard metrics).
 */
export type AzureMonitorOverrides = Pick<
  AzureMonitorOpenTelemetryOptions,
  | 'spanProcessors'
  | 'logRecordProcessors'
  | 'samplingRatio'
  | 'tracesPerSecond'
  | 'enableLiveMetrics'
  | 'enableStandardMetrics'
  | 'enablePerformanceCounters'
  | 'azureMonitorExporterOptions'
>;

export interface TelemetryOptions {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING. Without it nothing starts and no OpenTelemetry module is loaded. */
  connectionString: string | undefined;
  overrides?: AzureMonitorOverrides;
}
