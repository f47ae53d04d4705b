import { z } from 'zod';
import { inboundActionSchema } from '../../domain/webhookEvents';

/**
 * One received event or alert, kept under its dedupe key. `received`: stored, its queue message not yet known
 * to be sent; `queued`: the message was sent; `processed`: the queue trigger ran its actions.
 */
export const inboundRecordSchema = z.object({
  dedupeKey: z.string(),
  kind: z.enum(['event', 'alert']),
  /** Event type or alert rule, and the resource it is about: for logs and audit. */
  type: z.string(),
  subject: z.string(),
  status: z.enum(['received', 'queued', 'processed']),
  receivedAt: z.string(),
  processedAt: z.string().optional(),
  actions: z.array(inboundActionSchema),
  outcomes: z.array(z.object({ kind: z.string(), ok: z.boolean(), error: z.string().optional() })).optional(),
});

export type InboundRecord = z.infer<typeof inboundRecordSchema>;
export type InboundStatus = InboundRecord['status'];
