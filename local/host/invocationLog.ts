import { format } from 'node:util';
import type { LogHandler } from '@azure/functions';

export type LogSink = (line: string) => void;

const stdoutSink: LogSink = (line) => process.stdout.write(`${line}\n`);

/**
 * What the host does with `context.log`: one structured line per call. A single object argument is
 * merged into the line (our shared logger logs that way); anything else becomes `message`.
 */
export function createLogHandler(
  fields: { functionName: string; invocationId: string },
  sink: LogSink = stdoutSink,
): LogHandler {
  return (level, ...args) => {
    const [first] = args;
    const payload =
      args.length === 1 && typeof first === 'object' && first !== null && !Array.isArray(first)
        ? (first as Record<string, unknown>)
        : { message: format(...args) };
    sink(JSON.stringify({ time: new Date().toISOString(), level, ...fields, ...payload }));
  };
}

export function hostLog(message: string, extra: Record<string, unknown> = {}, sink: LogSink = stdoutSink): void {
  sink(JSON.stringify({ time: new Date().toISOString(), level: 'information', category: 'host', message, ...extra }));
}
