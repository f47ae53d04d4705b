import { z } from 'zod';
import { supportStatuses, type SupportStatus } from '../../domain/fleet/versionRadar';

export const supportStatusValues = supportStatuses as readonly [SupportStatus, ...SupportStatus[]];

export const nodePoolSummarySchema = z.object({
  name: z.string(),
  mode: z.string().optional(),
  osType: z.string().optional(),
  vmSize: z.string().optional(),
  count: z.int().optional(),
  orchestratorVersion: z.string().optional().describe('The version the pool runs (current, else requested).'),
  requestedOrchestratorVersion: z.string().optional().describe('The version asked for; differs from orchestratorVersion while upgrading.'),
  provisioningState: z.string().optional(),
  enableAutoScaling: z.boolean().optional().describe('Whether the AKS cluster autoscaler drives the count.'),
  minCount: z.int().optional(),
  maxCount: z.int().optional(),
  maxPods: z.int().optional(),
  tags: z.record(z.string(), z.string()).optional(),
});

export const inventoryRadarSchema = z.object({
  supportStatus: z.enum(supportStatusValues),
  availableUpgrades: z.array(z.object({ version: z.string(), isPreview: z.boolean() })),
  minorsBehindLatest: z.int().optional(),
  latestGaMinor: z.string().optional(),
  endOfSupport: z.string().optional(),
  daysToEndOfSupport: z.int().optional(),
});

/** One cluster of the fleet as the last inventory sync saw it in ARM. */
export const inventoryRecordSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  name: z.string(),
  location: z.string(),
  kubernetesVersion: z.string().optional(),
  currentKubernetesVersion: z.string().optional(),
  provisioningState: z.string().optional(),
  powerState: z.string().optional(),
  supportPlan: z.string().optional(),
  tags: z.record(z.string(), z.string()),
  nodePools: z.array(nodePoolSummarySchema),
  radar: inventoryRadarSchema,
  monitoringWorkspaceId: z
    .string()
    .optional()
    .describe('The Log Analytics workspace its Container Insights add-on (omsagent) sends to; absent when monitoring is off.'),
  syncedAt: z.iso.datetime(),
});

export type NodePoolSummary = z.infer<typeof nodePoolSummarySchema>;
export type InventoryRadar = z.infer<typeof inventoryRadarSchema>;
export type InventoryRecord = z.infer<typeof inventoryRecordSchema>;

/** The version the cluster actually runs: ARM's current version, else the requested one. */
export function runningVersionOf(
  record: Pick<InventoryRecord, 'kubernetesVersion' | 'currentKubernetesVersion'>,
): string {
  return record.currentKubernetesVersion ?? record.kubernetesVersion ?? '';
}
