import { z } from 'zod';
import { clusterPatchSchema, clusterSpecSchema, clusterViewSchema } from '../../domain/fleet/clusterSpec';
import { operationViewSchema } from '../operations';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';

/** ARM naming rules of the path segments, checked before anything reaches ARM. */
export const subscriptionIdSchema = z
  .string()
  .max(36)
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a subscription id (GUID)');
export const resourceGroupSchema = z
  .string()
  .max(90)
  .regex(/^[-\p{L}\p{N}_.()]{0,89}[-\p{L}\p{N}_()]$/u, 'must be 1-90 letters, digits, - _ . ( ), not ending in a period');
export const clusterNameSchema = z
  .string()
  .max(63)
  .regex(
    /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/,
    'must be 1-63 letters, digits, - or _, starting and ending with a letter or digit',
  );

export const clusterParamsSchema = z.object({
  subscriptionId: subscriptionIdSchema,
  resourceGroup: resourceGroupSchema,
  clusterName: clusterNameSchema,
});
export type ClusterParams = z.infer<typeof clusterParamsSchema>;

export const dryRunQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: validate (guardrails and locally checkable AKS rules) and return the effective settings; nothing is created.'),
});

export const dryRunResultSchema = z.object({
  valid: z.literal(true),
  effectiveSettings: clusterViewSchema,
});

export const CLUSTER_ROUTE = 'subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/clusters/{clusterName}';

export const problems = {
  ...authenticatedProblems,
  503: { description: 'Azure is throttling or failing; retry after Retry-After seconds', schema: problemSchema },
};

export const writeProblems = {
  ...problems,
  409: { description: 'Another operation runs on the cluster, or the Idempotency-Key is in use', schema: problemSchema },
  412: { description: 'If-Match does not match the current ETag', schema: problemSchema },
  422: { description: 'Idempotency-Key reused with another request', schema: problemSchema },
};

export const accepted = {
  202: {
    description: 'Accepted; poll Operation-Location (wait Retry-After seconds between polls)',
    schema: operationViewSchema,
    headers: { 'Operation-Location': 'Absolute URL of the operation', 'Retry-After': 'Seconds to wait before polling' },
  },
};

export const notFound = { 404: { description: 'Not found', schema: problemSchema } };

export const putCluster = defineOperation({
  operationId: 'putCluster',
  method: 'PUT',
  route: CLUSTER_ROUTE,
  summary:
    'Create or replace a cluster (Admin to create, Operator to update). If-Match for updates, Idempotency-Key for creates; ?dryRun=true validates only.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema, query: dryRunQuerySchema, body: clusterSpecSchema },
  responses: { 200: { description: 'Dry run: valid', schema: dryRunResultSchema }, ...accepted, ...writeProblems },
});

export const getCluster = defineOperation({
  operationId: 'getCluster',
  method: 'GET',
  route: CLUSTER_ROUTE,
  summary: 'Effective settings of a cluster (AKS defaults included); ETag is ARM\'s eTag.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema },
  responses: { 200: { description: 'The cluster', schema: clusterViewSchema, headers: { ETag: 'ARM eTag' } }, ...notFound, ...problems },
});

export const patchCluster = defineOperation({
  operationId: 'patchCluster',
  method: 'PATCH',
  route: CLUSTER_ROUTE,
  summary: 'Partial update of a cluster (Operator). If-Match; ?dryRun=true validates only.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema, query: dryRunQuerySchema, body: clusterPatchSchema },
  responses: { 200: { description: 'Dry run: valid', schema: dryRunResultSchema }, ...accepted, ...notFound, ...writeProblems },
});

export const deleteCluster = defineOperation({
  operationId: 'deleteCluster',
  method: 'DELETE',
  route: CLUSTER_ROUTE,
  summary: 'Delete a cluster (Admin). If-Match.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema },
  responses: { ...accepted, ...notFound, ...writeProblems },
});

export const startCluster = defineOperation({
  operationId: 'startCluster',
  method: 'POST',
  route: `${CLUSTER_ROUTE}/start`,
  summary: 'Start a stopped cluster (Operator). Idempotency-Key.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema },
  responses: { ...accepted, ...notFound, ...writeProblems },
});

export const stopCluster = defineOperation({
  operationId: 'stopCluster',
  method: 'POST',
  route: `${CLUSTER_ROUTE}/stop`,
  summary: 'Stop a running cluster (Operator). Idempotency-Key.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema },
  responses: { ...accepted, ...notFound, ...writeProblems },
});

const upgradeTargetSchema = z.object({ version: z.string(), isPreview: z.boolean() });

export const upgradeProfileSchema = z.object({
  controlPlane: z.object({ kubernetesVersion: z.string(), upgrades: z.array(upgradeTargetSchema) }),
  nodePools: z.array(
    z.object({ name: z.string(), kubernetesVersion: z.string(), osType: z.string(), upgrades: z.array(upgradeTargetSchema) }),
  ),
});
export type UpgradeProfileView = z.infer<typeof upgradeProfileSchema>;

export const getUpgradeProfile = defineOperation({
  operationId: 'getClusterUpgradeProfile',
  method: 'GET',
  route: `${CLUSTER_ROUTE}/upgradeProfile`,
  summary: 'Versions the control plane and each pool can be upgraded to.',
  tags: ['clusters'],
  authenticated: true,
  request: { params: clusterParamsSchema },
  responses: { 200: { description: 'Upgrade profile', schema: upgradeProfileSchema }, ...notFound, ...problems },
});

export const kubernetesVersionsSchema = z.object({
  location: z.string(),
  subscriptionId: z.string(),
  values: z.array(
    z.object({
      version: z.string(),
      isDefault: z.boolean(),
      isPreview: z.boolean(),
      supportPlans: z.array(z.string()),
      patchVersions: z.array(z.object({ version: z.string(), upgrades: z.array(z.string()) })),
    }),
  ),
});
export type KubernetesVersionsView = z.infer<typeof kubernetesVersionsSchema>;

export const listKubernetesVersions = defineOperation({
  operationId: 'listKubernetesVersions',
  method: 'GET',
  route: 'locations/{location}/kubernetesVersions',
  summary: 'Kubernetes versions AKS offers in a region (asked of the first fleet subscription, or ?subscriptionId=).',
  tags: ['clusters'],
  authenticated: true,
  request: {
    params: z.object({ location: z.string().max(64).regex(/^[a-z0-9]{1,64}$/, 'must be an Azure region name such as eastus') }),
    query: z.object({ subscriptionId: subscriptionIdSchema.optional() }),
  },
  responses: { 200: { description: 'Versions', schema: kubernetesVersionsSchema }, ...problems },
});

/** The operations of this API area, in the order the API lists them. */
export const clusterOperations: ApiOperation[] = [putCluster, getCluster, patchCluster, deleteCluster, startCluster, stopCluster, getUpgradeProfile];

export const kubernetesVersionOperations: ApiOperation[] = [listKubernetesVersions];
