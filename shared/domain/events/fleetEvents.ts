import { z } from 'zod';

/**
 * The catalogue of events Fleetplane emits (delivered to webhook subscribers as CloudEvents 1.0, `type` = one of
 * these, `source` = the Fleetplane instance, `subject` = the Azure resource id or Fleetplane resource path the event
 * is about). `docs/events.md` documents each type's `data`.
 */
export const FLEET_EVENT_TYPES = [
  'fleetplane.cluster.created',
  'fleetplane.cluster.updated',
  'fleetplane.cluster.deleted',
  'fleetplane.operation.succeeded',
  'fleetplane.operation.failed',
  'fleetplane.nodePool.scaled',
  'fleetplane.autoscale.decision',
  'fleetplane.updateRun.started',
  'fleetplane.updateRun.gateWaiting',
  'fleetplane.updateRun.memberFailed',
  'fleetplane.updateRun.completed',
  'fleetplane.cluster.supportEnding',
  'fleetplane.webhook.test',
] as const;

export type FleetEventType = (typeof FLEET_EVENT_TYPES)[number];

/**
 * What a feature hands to the `emitEvent` port. The outbox gives it its id, time and sequence number.
 * `orderingKey` (default: `subject`) names the stream whose order subscribers can rely on through the sequence
 * number. `dedupeKey`, when given, makes emitting the same fact twice (a retried queue message) one event.
 */
export const fleetEventDraftSchema = z.object({
  type: z.enum(FLEET_EVENT_TYPES),
  subject: z.string().min(1).max(1024),
  data: z.record(z.string(), z.unknown()),
  orderingKey: z.string().min(1).max(1024).optional(),
  dedupeKey: z.string().min(1).max(512).optional(),
});

export type FleetEventDraft = z.infer<typeof fleetEventDraftSchema>;

/** The port features emit through; the composition root wires it to the webhook outbox. */
export type EmitFleetEvent = (event: FleetEventDraft) => Promise<void>;
