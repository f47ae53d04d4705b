import { z } from 'zod';

/**
 * The messages of the autoscale queue (`FLEETPLANE_AUTOSCALE_QUEUE`). A `tick` starts cycle `cycle` and, when it
 * wins the chain row, sends the next tick delayed by the cycle period; a `subscription` message reads one
 * subscription's clusters for a cycle (one ARM list, or the inventory snapshot when fresh), evaluates its first
 * batch and sends a `batch` message for each other batch (≤ 50 clusters of one region, carrying what the listing
 * said of them); a `cluster` message is an evaluation asked for outside the cycle (an alert).
 */
export const tickMessageSchema = z.object({ kind: z.literal('tick'), cycle: z.int().min(1) });

export const subscriptionMessageSchema = z.object({
  kind: z.literal('subscription'),
  cycle: z.int().min(1),
  subscriptionId: z.string().min(1).max(64),
  /** The cycle's "now" (from the Clock when the tick ran), the same for every batch of the cycle. */
  at: z.iso.datetime(),
});

/** A pool as a batch message carries it: the listed fields the evaluation reads, nothing the write restates. */
export const carriedPoolSchema = z.object({
  name: z.string().min(1),
  mode: z.string().optional(),
  count: z.int().optional(),
  vmSize: z.string().optional(),
  maxPods: z.int().optional(),
  enableAutoScaling: z.boolean().optional(),
  minCount: z.int().optional(),
  maxCount: z.int().optional(),
  provisioningState: z.string().optional(),
  orchestratorVersion: z.string().optional(),
  currentOrchestratorVersion: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

export const carriedClusterSchema = z.object({
  id: z.string().min(1).max(1024),
  location: z.string(),
  tags: z.record(z.string(), z.string()),
  provisioningState: z.string(),
  powerState: z.enum(['Running', 'Stopped']),
  workspaceResourceId: z.string().optional(),
  pools: z.array(carriedPoolSchema),
});

export const batchMessageSchema = z.object({
  kind: z.literal('batch'),
  cycle: z.int().min(1),
  subscriptionId: z.string().min(1).max(64),
  at: z.iso.datetime(),
  /** Where the subscription message read the clusters: ARM's list, or the inventory snapshot. */
  source: z.enum(['list', 'snapshot']),
  clusters: z.array(carriedClusterSchema).min(1).max(50),
});

export const clusterMessageSchema = z.object({
  kind: z.literal('cluster'),
  clusterResourceId: z.string().min(1).max(1024),
  reason: z.string().min(1).max(512),
});

export const autoscaleMessageSchema = z.discriminatedUnion('kind', [tickMessageSchema, subscriptionMessageSchema, batchMessageSchema, clusterMessageSchema]);

export type TickMessage = z.infer<typeof tickMessageSchema>;
export type SubscriptionMessage = z.infer<typeof subscriptionMessageSchema>;
export type CarriedCluster = z.infer<typeof carriedClusterSchema>;
export type BatchMessage = z.infer<typeof batchMessageSchema>;
export type ClusterMessage = z.infer<typeof clusterMessageSchema>;
export type AutoscaleMessage = z.infer<typeof autoscaleMessageSchema>;
