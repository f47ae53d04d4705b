import type { InvocationContext } from '@azure/functions';
import { redact } from './redact';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

export type LogLevel = 'debug' | 'information' | 'warning' | 'error';

const RANK: Record<LogLevel, number> = { debug: 0, information: 1, warning: 2, error: 3 };

/**
 * Structured lines through the InvocationContext, so the host (and Application Insights) owns the sink.
 * Lines below `minLevel` (FLEETPLANE_LOG_LEVEL) are dropped before they are built.
 */
export function invocationLogger(context: InvocationContext, base: LogFields, minLevel: LogLevel = 'information'): Logger {
  const emit =
    (level: LogLevel, write: (...args: unknown[]) => void) =>
    (message: string, fields: LogFields = {}) => {
      if (RANK[level] >= RANK[minLevel]) write(redact({ ...base, ...fields, message }));
    };
  return {
    debug: emit('debug', (...a) => context.debug(...a)),
    info: emit('information', (...a) => context.info(...a)),
    warn: emit('warning', (...a) => context.warn(...a)),
    error: emit('error', (...a) => context.error(...a)),
    with: (fields) => invocationLogger(context, { ...base, ...fields }, minLevel),
  };
}
