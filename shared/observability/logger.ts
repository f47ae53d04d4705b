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

/** Structured lines through the InvocationContext, so the host (and Application Insights) owns the sink. */
export function invocationLogger(context: InvocationContext, base: LogFields): Logger {
  const emit =
    (write: (...args: unknown[]) => void) =>
    (message: string, fields: LogFields = {}) =>
      write(redact({ ...base, ...fields, message }));
  return {
    debug: emit((...a) => context.debug(...a)),
    info: emit((...a) => context.info(...a)),
    warn: emit((...a) => context.warn(...a)),
    error: emit((...a) => context.error(...a)),
    with: (fields) => invocationLogger(context, { ...base, ...fields }),
  };
}
