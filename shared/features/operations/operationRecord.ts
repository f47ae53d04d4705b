import { z } from 'zod';
import { expectedOutcomeSchema } from './expectedOutcome';

export const OPERATION_STATUSES = ['Accepted', 'InProgress', 'Succeeded', 'Failed', 'Canceled'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const operationRecordSchema = z.object({
  id: z.string(),
  kind: z.string().describe('What was asked, e.g. putCluster, deleteNodePool, startCluster.'),
  target: z.string().describe('ARM id of the resource the operation changes.'),
  status: z.enum(OPERATION_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().optional(),
  createdBy: z.string().optional(),
  correlationId: z.string(),
  /** The ARM long-running operation, as the SDK serialises its poller: enough to resume it on any host. */
  armPollerState: z.string().optional(),
  /** ARM's Retry-After for this operation (bounded): how long to wait between polls. */
  pollAfterSeconds: z.number().int().positive().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** How the change shows in Azure once taken: lets a submission whose answer was lost be found and adopted. */
  expectedOutcome: expectedOutcomeSchema.optional(),
  /** When a submission whose answer was lost was found in Azure; it is then followed by reading the resource. */
  adoptedAt: z.iso.datetime().optional(),
  /** When the end was announced (events, the update-run engine): an end found again is not announced twice. */
  endAnnouncedAt: z.iso.datetime().optional(),
});

export type OperationRecord = z.infer<typeof operationRecordSchema>;

export function isTerminal(status: OperationStatus): boolean {
  return status === 'Succeeded' || status === 'Failed' || status === 'Canceled';
}

/** What callers see at GET /api/operations/{id}: no poller internals. */
export const operationViewSchema = operationRecordSchema.omit({ armPollerState: true, pollAfterSeconds: true, expectedOutcome: true, adoptedAt: true, endAnnouncedAt: true });
export type OperationView = z.infer<typeof operationViewSchema>;

export function toOperationView(record: OperationRecord): OperationView {
  const { armPollerState: _internal, pollAfterSeconds: _pollAfter, expectedOutcome: _expected, adoptedAt: _adopted, endAnnouncedAt: _announced, ...view } = record;
  return view;
}
