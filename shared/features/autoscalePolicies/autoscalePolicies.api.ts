import { z } from 'zod';
import { autoscalePolicySchema, fleetAutoscalePolicySchema, policyNameSchema } from '../../domain/autoscale/policy';
import { nodePoolNameSchema } from '../../domain/fleet/nodePoolSpec';
import { CLUSTER_ROUTE, clusterParamsSchema } from '../clusters';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';
import { runAutoscaleWhatIf } from './whatIf.api';

const poolParamsSchema = clusterParamsSchema.extend({ nodePoolName: nodePoolNameSchema });
const fleetParamsSchema = z.object({ name: policyNameSchema });

const POOL_POLICY_ROUTE = `${CLUSTER_ROUTE}/nodePools/{nodePoolName}/autoscalePolicy`;
const FLEET_POLICY_ROUTE = 'autoscalePolicies/{name}';

const changeFields = {
  updatedAt: z.string().describe('When this version was stored.'),
  updatedBy: z.string().describe('`{tenantId}/{objectId}` of who stored it.'),
};

export const poolPolicyViewSchema = z
  .object({
    clusterResourceId: z.string(),
    poolName: z.string(),
    poolMode: z.enum(['System', 'User']),
    policy: autoscalePolicySchema,
    ...changeFields,
  })
  .meta({ description: 'A node pool\'s autoscale policy.' });

export const fleetPolicyViewSchema = z
  .object({ name: z.string(), policy: fleetAutoscalePolicySchema, ...changeFields })
  .meta({ description: 'A fleet-wide autoscale policy.' });

const notFound = { 404: { description: 'Not found', schema: problemSchema } };
const stale = { 412: { description: 'If-Match does not match the current ETag', schema: problemSchema } };
const dependency = { 503: { description: 'Azure or storage is throttling or failing; retry after Retry-After seconds', schema: problemSchema } };

export const getPoolAutoscalePolicy = defineOperation({
  operationId: 'getPoolAutoscalePolicy',
  method: 'GET',
  route: POOL_POLICY_ROUTE,
  summary: 'The node pool\'s own autoscale policy (Reader).',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: poolParamsSchema },
  responses: { 200: { description: 'The policy', schema: poolPolicyViewSchema, headers: { ETag: 'Version for If-Match' } }, ...notFound, ...authenticatedProblems, ...dependency },
});

export const putPoolAutoscalePolicy = defineOperation({
  operationId: 'putPoolAutoscalePolicy',
  method: 'PUT',
  route: POOL_POLICY_ROUTE,
  summary: 'Create or replace the node pool\'s autoscale policy (Operator). If-Match for updates. Checked against the pool\'s mode.',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: poolParamsSchema, body: autoscalePolicySchema },
  responses: {
    200: { description: 'Replaced', schema: poolPolicyViewSchema, headers: { ETag: 'New version' } },
    201: { description: 'Created', schema: poolPolicyViewSchema, headers: { ETag: 'New version' } },
    ...notFound,
    ...stale,
    ...authenticatedProblems,
    ...dependency,
  },
});

export const deletePoolAutoscalePolicy = defineOperation({
  operationId: 'deletePoolAutoscalePolicy',
  method: 'DELETE',
  route: POOL_POLICY_ROUTE,
  summary: 'Remove the node pool\'s own policy (Operator); fleet-wide policies may then apply. If-Match.',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: poolParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...notFound, ...stale, ...authenticatedProblems, ...dependency },
});

export const listFleetAutoscalePolicies = defineOperation({
  operationId: 'listFleetAutoscalePolicies',
  method: 'GET',
  route: 'autoscalePolicies',
  summary: 'Fleet-wide autoscale policies, by name (Reader at tenant scope).',
  tags: ['autoscale'],
  authenticated: true,
  responses: { 200: { description: 'Policies', schema: z.object({ value: z.array(fleetPolicyViewSchema) }) }, ...authenticatedProblems, ...dependency },
});

export const getFleetAutoscalePolicy = defineOperation({
  operationId: 'getFleetAutoscalePolicy',
  method: 'GET',
  route: FLEET_POLICY_ROUTE,
  summary: 'One fleet-wide autoscale policy (Reader at tenant scope).',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: fleetParamsSchema },
  responses: { 200: { description: 'The policy', schema: fleetPolicyViewSchema, headers: { ETag: 'Version for If-Match' } }, ...notFound, ...authenticatedProblems, ...dependency },
});

export const putFleetAutoscalePolicy = defineOperation({
  operationId: 'putFleetAutoscalePolicy',
  method: 'PUT',
  route: FLEET_POLICY_ROUTE,
  summary:
    'Create or replace a fleet-wide policy (Operator or Admin at tenant scope). If-Match for updates. A pool\'s own policy beats every fleet-wide one; among fleet-wide ones the most specific selector wins, then the name that sorts first.',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: fleetParamsSchema, body: fleetAutoscalePolicySchema },
  responses: {
    200: { description: 'Replaced', schema: fleetPolicyViewSchema, headers: { ETag: 'New version' } },
    201: { description: 'Created', schema: fleetPolicyViewSchema, headers: { ETag: 'New version' } },
    ...stale,
    ...authenticatedProblems,
    ...dependency,
  },
});

export const deleteFleetAutoscalePolicy = defineOperation({
  operationId: 'deleteFleetAutoscalePolicy',
  method: 'DELETE',
  route: FLEET_POLICY_ROUTE,
  summary: 'Delete a fleet-wide policy (Operator or Admin at tenant scope). If-Match.',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: fleetParamsSchema },
  responses: { 204: { description: 'Deleted' }, ...notFound, ...stale, ...authenticatedProblems, ...dependency },
});

/** The operations of this API area, in the order the API lists them. */
export const autoscalePolicyOperations: ApiOperation[] = [
  getPoolAutoscalePolicy,
  putPoolAutoscalePolicy,
  deletePoolAutoscalePolicy,
  listFleetAutoscalePolicies,
  getFleetAutoscalePolicy,
  putFleetAutoscalePolicy,
  deleteFleetAutoscalePolicy,
  runAutoscaleWhatIf,
];
