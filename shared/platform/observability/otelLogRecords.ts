import type { LogAttributes, Logger as OtelLogger, SeverityNumber } from '@opentelemetry/api-logs';
import type { LogLevel } from './logLevel';
import { openTelemetryLogsApi } from './openTelemetryPackages';
import type { LogLine, Telemetry } from './telemetry';

/**
 * Log lines as OpenTelemetry log records: the message is the body, every other field an attribute (Azure
 * Monitor turns attributes into customDimensions). The record takes the active context, so it carries the
 * trace and span ids of the request it belongs to.
 */
export function otelLogRecorder(logger: OtelLogger): Telemetry['recordLog'] {
  const severities = severityNumbers();
  return (level, line) => {
    const { message, ...fields } = line;
    logger.emit({
      severityNumber: severities[level],
      severityText: level,
      body: message,
      attributes: definedOnly(fields),
    });
  };
}

function severityNumbers(): Record<LogLevel, SeverityNumber> {
  const { SeverityNumber: severity } = openTelemetryLogsApi();
  return { debug: severity.DEBUG, information: severity.INFO, warning: severity.WARN, error: severity.ERROR };
}

/** A JSON line drops undefined fields; a record would export them as the text "undefined". */
function definedOnly(fields: Omit<LogLine, 'message'>): LogAttributes {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as LogAttributes;
}
