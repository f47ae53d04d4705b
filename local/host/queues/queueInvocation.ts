import { randomUUID } from 'node:crypto';
import { InvocationContext } from '@azure/functions';
import { createLogHandler, type LogSink } from '../invocationLog';
import type { QueueFunction } from './queueFunctions';
import type { TriggerMetadata } from './queueTriggerMetadata';

export type InvocationOutcome = { succeeded: true } | { succeeded: false; error: unknown };

/** Runs the function once for a message, as the worker does: `handler(message, context)`; a throw is a failure. */
export async function invokeQueueFunction(
  fn: QueueFunction,
  input: unknown,
  triggerMetadata: TriggerMetadata,
  logSink?: LogSink,
): Promise<InvocationOutcome> {
  const invocationId = randomUUID();
  const context = new InvocationContext({
    invocationId,
    functionName: fn.name,
    logHandler: createLogHandler({ functionName: fn.name, invocationId }, logSink),
    triggerMetadata,
    options: { trigger: { ...fn.trigger, type: 'queueTrigger' }, extraInputs: [], extraOutputs: [] },
  });
  try {
    await fn.handler(input, context);
    return { succeeded: true };
  } catch (error) {
    context.error(`Queue function "${fn.name}" failed: ${String(error)}`);
    return { succeeded: false, error };
  }
}
