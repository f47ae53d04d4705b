import { z } from 'zod';
import { HEALTH_REASON_CODES, HEALTH_STATUSES } from '../../domain/health';
import { CLUSTER_ROUTE, clusterParamsSchema } from '../clusters';
import { inventoryFilterQuerySchema, staleSubscriptionSchema } from '../inventory';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';

export const HEALTH_WINDOWS = ['PT5M', 'PT15M', 'PT30M', 'PT1H'] as const;
export type HealthWindow = (typeof HEALTH_WINDOWS)[number];
export const WINDOW_MINUTES: Record<HealthWindow, number> = { PT5M: 5, PT15M: 15, PT30M: 30, PT1H: 60 };

const windowQuery = z.enum(HEALTH_WINDOWS).default('PT15M').describe('How far back the averages, maxima, events and errors look (ending now).');

const untilQuery = z.iso
  .datetime({ offset: true })
  .optional()
  .describe("End of the window (default now; not in the future): health as it was then. Node counts and monitoring settings are the current ones.");

export const clusterHealthQuerySchema = z.object({ window: windowQuery, until: untilQuery });
export type ClusterHealthQuery = z.infer<typeof clusterHealthQuerySchema>;

export const fleetHealthQuerySchema = inventoryFilterQuerySchema.extend({
  window: windowQuery,
  until: untilQuery,
  status: z.enum(HEALTH_STATUSES).optional().describe('Only clusters with this overall status.'),
});
export type FleetHealthQuery = z.infer<typeof fleetHealthQuerySchema>;

const usageSchema = z.object({
  average: z.number().describe('Mean of every node sample in the window, percent of allocatable.'),
  maximum: z.number().describe('Highest node sample in the window, percent of allocatable.'),
});

const eventSchema = z.object({ reason: z.string(), count: z.int(), lastMessage: z.string() });

export const clusterHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  subscriptionId: z.string(),
  resourceGroup: z.string(),
  location: z.string(),
  status: z.enum(HEALTH_STATUSES),
  reasons: z
    .array(z.object({ code: z.enum(HEALTH_REASON_CODES), status: z.enum(['Unknown', 'Degraded', 'Unhealthy']), message: z.string(), pool: z.string().optional() }))
    .describe('The findings that decided the status, worst first; empty when Healthy.'),
  window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  nodePools: z.array(
    z.object({
      name: z.string(),
      nodeCount: z.int().describe("The pool's node count in ARM."),
      readyNodes: z.int().optional().describe('Nodes that reported metrics in the latest minute (the Ready ones); absent without metrics.'),
      cpuPercent: usageSchema.optional(),
      memoryPercent: usageSchema.optional().describe('Working set.'),
    }),
  ),
  monitoring: z.enum(['enabled', 'notEnabled']).describe('Whether Container Insights sends logs: pods, events and control-plane errors come from there.'),
  pods: z.object({ pending: z.int(), failed: z.int(), restartingContainers: z.int() }).optional(),
  warningEvents: z.array(eventSchema).optional().describe('Warning events in the window by reason.'),
  controlPlaneErrors: z.array(eventSchema).optional().describe('Control-plane log lines at level Error in the window, by component.'),
});
export type ClusterHealthView = z.infer<typeof clusterHealthSchema>;

export const fleetHealthSchema = z.object({
  value: z.array(clusterHealthSchema),
  counts: z.record(z.enum(HEALTH_STATUSES), z.int()).describe('Clusters per status (before the status filter).'),
  window: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  syncedAt: z.string().optional().describe('When the inventory snapshot the cluster list and node counts come from was taken.'),
  snapshotAgeSeconds: z.int().optional(),
  staleSubscriptions: z.array(staleSubscriptionSchema),
});
export type FleetHealthView = z.infer<typeof fleetHealthSchema>;

export const getClusterHealth = defineOperation({
  operationId: 'getClusterHealth',
  method: 'GET',
  route: `${CLUSTER_ROUTE}/health`,
  summary:
    'Health of a cluster over the last window: per pool nodes ready/total and CPU/memory (average, maximum), pending and failed pods, restarting containers, Warning events, control-plane errors, and an overall status with the reasons that decided it (Reader).',
  tags: ['health'],
  authenticated: true,
  request: { params: clusterParamsSchema, query: clusterHealthQuerySchema },
  responses: {
    200: { description: 'The health summary; a signal that could not be read makes the status Unknown with the reason', schema: clusterHealthSchema },
    404: { description: 'Cluster not found', schema: problemSchema },
    ...authenticatedProblems,
    503: { description: 'Azure Resource Manager is throttling or failing; retry after Retry-After seconds', schema: problemSchema },
  },
});

export const getFleetHealth = defineOperation({
  operationId: 'getFleetHealth',
  method: 'GET',
  route: 'fleetHealth',
  summary:
    'The health summary of every cluster the caller may see (filters as GET /api/clusters, plus status), from the inventory snapshot, one metrics batch call per 50 clusters of a region and subscription and one log query batch per workspace — no call per cluster.',
  tags: ['health'],
  authenticated: true,
  request: { query: fleetHealthQuerySchema },
  responses: { 200: { description: 'Health per cluster, worst first', schema: fleetHealthSchema }, ...authenticatedProblems },
});

export const clusterHealthOperations: ApiOperation[] = [getClusterHealth, getFleetHealth];
