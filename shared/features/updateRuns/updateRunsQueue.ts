import { z } from 'zod';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { KickRun } from './updateRunPorts';

/** The message that asks for one advance of a run (`updateRunsAdvance` queue trigger). */
export const runAdvanceMessageSchema = z.object({ runId: z.string().min(1).max(64) });
export type RunAdvanceMessage = z.infer<typeof runAdvanceMessageSchema>;

/** `kickRun`: an advance message, delayed or not. Advances are idempotent, so an extra one is harmless. */
export function queueKickRun(queue: StorageQueue<RunAdvanceMessage>): KickRun {
  return (runId, delaySeconds = 0) => queue.send({ runId }, { delaySeconds });
}
