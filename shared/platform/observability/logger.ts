import type { InvocationContext } from '@azure/functions';
import { activeTelemetry } from './activeTelemetry';
import type { LogLevel } from './logLevel';
import { redact } from './redact';

export type { LogLevel } from './logLevel';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 0, information: 1, warning: 2, error: 3 };

/**
 * Structured lines through the InvocationContext, so the host owns the sink; while telemetry runs, each line
 * is also an OpenTelemetry log record whose attributes reach Application Insights as customDimensions.
 * Lines below `minLevel` (FLEETPLANE_LOG_LEVEL) are dropped before they are built.
 */
export function invocationLogger(
  context: InvocationContext,
  base: LogFields,
  minLevel: LogLevel = 'information',
): Logger {
  const emit =
    (level: LogLevel, write: (...args: unknown[]) => void) =>
    (message: string, fields: LogFields = {}) => {
      if (RANK[level] < RANK[minLevel]) return;
      const line = redact({ ...base, ...fields, message });
      write(line);
      activeTelemetry()?.recordLog(level, line);
    };
  return {
    debug: emit('debug', (...a) => context.debug(...a)),
    info: emit('information', (...a) => context.info(...a)),
    warn: emit('warning', (...a) => context.warn(...a)),
    error: emit('error', (...a) => context.error(...a)),
    with: (fields) => invocationLogger(context, { ...base, ...fields }, minLevel),
  };
}
