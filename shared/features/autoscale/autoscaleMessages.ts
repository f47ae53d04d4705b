import { z } from 'zod';

/**
 * The messages of the autoscale queue (`FLEETPLANE_AUTOSCALE_QUEUE`). A `tick` starts cycle `cycle` and, when it
 * wins the chain row, sends the next tick delayed by the cycle period; a `subscription` message evaluates one
 * subscription's pools for a cycle; a `cluster` message is an evaluation asked for outside the cycle (an alert).
 */
export const tickMessageSchema = z.object({ kind: z.literal('tick'), cycle: z.int().min(1) });

export const subscriptionMessageSchema = z.object({
  kind: z.literal('subscription'),
  cycle: z.int().min(1),
  subscriptionId: z.string().min(1).max(64),
  /** The cycle's "now" (from the Clock when the tick ran), the same for every batch of the cycle. */
  at: z.iso.datetime(),
});

export const clusterMessageSchema = z.object({
  kind: z.literal('cluster'),
  clusterResourceId: z.string().min(1).max(1024),
  reason: z.string().min(1).max(512),
});

export const autoscaleMessageSchema = z.discriminatedUnion('kind', [tickMessageSchema, subscriptionMessageSchema, clusterMessageSchema]);

export type TickMessage = z.infer<typeof tickMessageSchema>;
export type SubscriptionMessage = z.infer<typeof subscriptionMessageSchema>;
export type ClusterMessage = z.infer<typeof clusterMessageSchema>;
export type AutoscaleMessage = z.infer<typeof autoscaleMessageSchema>;
