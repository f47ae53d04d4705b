import { z } from 'zod';
import { FLEET_EVENT_TYPES } from '../../domain/events';

export const DELIVERY_STATUSES = ['Pending', 'Delivered', 'Failed', 'Skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The attempts kept per delivery (the newest); `attemptCount` counts them all. */
export const KEPT_ATTEMPTS = 10;

const attemptSchema = z.object({
  at: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  /** The receiver's HTTP status, when it answered. Its body is never kept. */
  status: z.number().int().optional(),
  /** Why no answer came (timeout, connection, forbiddenAddress, tls, …). */
  error: z.string().optional(),
});

export type DeliveryAttempt = z.infer<typeof attemptSchema>;

/** One event on its way to one subscription. */
export const deliveryRecordSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.enum(FLEET_EVENT_TYPES),
  subject: z.string(),
  sequence: z.number().int().positive(),
  status: z.enum(DELIVERY_STATUSES),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** When the current round of attempts began (creation or the last redelivery): retries stop ~3 days later. */
  roundStartedAt: z.iso.datetime(),
  attemptCount: z.number().int().nonnegative(),
  /** Failed attempts in the current round: the retry back-off grows with them. */
  roundFailures: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime().optional(),
  /** A sender holds the delivery until then: no other message sends it meanwhile. */
  leaseUntil: z.iso.datetime().optional(),
  attempts: z.array(attemptSchema),
  deliveredAt: z.iso.datetime().optional(),
  /** Why a delivery ended without a 2xx (gave up, 410, subscription deleted, owner may no longer read it). */
  outcome: z.string().optional(),
});

export type DeliveryRecord = z.infer<typeof deliveryRecordSchema>;

/** What `GET …/deliveries` shows. */
export const deliveryViewSchema = deliveryRecordSchema.omit({ leaseUntil: true, roundFailures: true, roundStartedAt: true });
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export function toDeliveryView(record: DeliveryRecord): DeliveryView {
  const { leaseUntil: _lease, roundFailures: _failures, roundStartedAt: _round, ...view } = record;
  return view;
}

/** Row keys sort newest first: the inverted event time, then the event id. Deterministic, so fan-out can repeat. */
export function deliveryIdOf(eventTime: string, eventId: string): string {
  const inverted = 9_999_999_999_999 - Date.parse(eventTime);
  return `${String(inverted).padStart(13, '0')}-${eventId}`;
}
