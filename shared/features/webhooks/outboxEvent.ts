import { z } from 'zod';
import { FLEET_EVENT_TYPES } from '../../domain/events';

/** An event as the outbox stores it, before any delivery exists. */
export const outboxEventRecordSchema = z.object({
  id: z.string(),
  type: z.enum(FLEET_EVENT_TYPES),
  subject: z.string(),
  time: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
  orderingKey: z.string(),
  sequence: z.number().int().positive(),
  /** A test event goes to this subscription only. */
  onlySubscriptionId: z.string().optional(),
  /** True once a delivery row exists for every subscription that wanted it. */
  deliveriesPlanned: z.boolean(),
});

export type OutboxEventRecord = z.infer<typeof outboxEventRecordSchema>;
