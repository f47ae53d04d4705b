import { z } from 'zod';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { OperationScheduler } from './armOperationRunner';

/** The message that asks for one more check of a running operation. */
export const operationCheckMessageSchema = z.object({ operationId: z.string().min(1).max(100) });
export type OperationCheckMessage = z.infer<typeof operationCheckMessageSchema>;

/** Schedules checks as delayed messages on the operations queue (read by the `operationsAdvance` queue trigger). */
export function queueScheduler(queue: StorageQueue<OperationCheckMessage>): OperationScheduler {
  return { schedule: (operationId, delaySeconds) => queue.send({ operationId }, { delaySeconds }) };
}
