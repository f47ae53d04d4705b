import { z } from 'zod';
import type { StorageQueue } from '../../platform/storage/storageQueue';
import type { KickRun, RequestPreflight } from './updateRunPorts';

const runId = z.string().min(1).max(64);

/** Asks for one advance of a run. Messages sent before kinds existed carry no `kind`. */
export const runAdvanceMessageSchema = z.object({ kind: z.literal('advance').optional(), runId });
export type RunAdvanceMessage = z.infer<typeof runAdvanceMessageSchema>;

/** Asks for the preflight the run document names (`preflight.id`); a message naming another one does nothing. */
export const runPreflightMessageSchema = z.strictObject({ kind: z.literal('preflight'), runId, preflightId: z.string().min(1).max(64) });
export type RunPreflightMessage = z.infer<typeof runPreflightMessageSchema>;

/** Everything the `updateRunsAdvance` queue trigger handles. */
export const updateRunsMessageSchema = z.union([runPreflightMessageSchema, runAdvanceMessageSchema]);
export type UpdateRunsMessage = z.infer<typeof updateRunsMessageSchema>;

/** `kickRun`: an advance message, delayed or not. Advances are idempotent, so an extra one is harmless. */
export function queueKickRun(queue: StorageQueue<UpdateRunsMessage>): KickRun {
  return (id, delaySeconds = 0) => queue.send({ runId: id }, { delaySeconds });
}

/** `requestPreflight`: a preflight message. Preflights are idempotent by id, so an extra one is harmless. */
export function queueRequestPreflight(queue: StorageQueue<UpdateRunsMessage>): RequestPreflight {
  return (id, preflightId) => queue.send({ kind: 'preflight', runId: id, preflightId });
}
