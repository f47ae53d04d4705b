import { z } from 'zod';
import { nodePoolNameSchema, nodePoolPatchSchema, nodePoolPutSchema, nodePoolViewSchema } from '../../domain/fleet/nodePoolSpec';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { accepted, CLUSTER_ROUTE, clusterParamsSchema, dryRunQuerySchema, notFound, problems, writeProblems } from './clusters.api';

export const nodePoolParamsSchema = clusterParamsSchema.extend({ nodePoolName: nodePoolNameSchema });
export type NodePoolParams = z.infer<typeof nodePoolParamsSchema>;

const NODE_POOL_ROUTE = `${CLUSTER_ROUTE}/nodePools/{nodePoolName}`;

export const nodePoolDryRunResultSchema = z.object({ valid: z.literal(true), effectiveSettings: nodePoolViewSchema });

export const listNodePools = defineOperation({
  operationId: 'listNodePools',
  method: 'GET',
  route: `${CLUSTER_ROUTE}/nodePools`,
  summary: 'Node pools of a cluster with their effective settings.',
  tags: ['nodePools'],
  authenticated: true,
  request: { params: clusterParamsSchema },
  responses: { 200: { description: 'Pools', schema: z.object({ value: z.array(nodePoolViewSchema) }) }, ...notFound, ...problems },
});

export const getNodePool = defineOperation({
  operationId: 'getNodePool',
  method: 'GET',
  route: NODE_POOL_ROUTE,
  summary: 'Effective settings of a node pool; ETag is ARM\'s eTag of the pool.',
  tags: ['nodePools'],
  authenticated: true,
  request: { params: nodePoolParamsSchema },
  responses: { 200: { description: 'The pool', schema: nodePoolViewSchema, headers: { ETag: 'ARM eTag' } }, ...notFound, ...problems },
});

export const putNodePool = defineOperation({
  operationId: 'putNodePool',
  method: 'PUT',
  route: NODE_POOL_ROUTE,
  summary: 'Create or replace a node pool (Operator). If-Match for updates, Idempotency-Key for creates; ?dryRun=true validates only.',
  tags: ['nodePools'],
  authenticated: true,
  request: { params: nodePoolParamsSchema, query: dryRunQuerySchema, body: nodePoolPutSchema },
  responses: { 200: { description: 'Dry run: valid', schema: nodePoolDryRunResultSchema }, ...accepted, ...notFound, ...writeProblems },
});

export const patchNodePool = defineOperation({
  operationId: 'patchNodePool',
  method: 'PATCH',
  route: NODE_POOL_ROUTE,
  summary: 'Partial update of a node pool (Operator). If-Match; ?dryRun=true validates only.',
  tags: ['nodePools'],
  authenticated: true,
  request: { params: nodePoolParamsSchema, query: dryRunQuerySchema, body: nodePoolPatchSchema },
  responses: { 200: { description: 'Dry run: valid', schema: nodePoolDryRunResultSchema }, ...accepted, ...notFound, ...writeProblems },
});

export const deleteNodePool = defineOperation({
  operationId: 'deleteNodePool',
  method: 'DELETE',
  route: NODE_POOL_ROUTE,
  summary: 'Delete a node pool (Operator). If-Match.',
  tags: ['nodePools'],
  authenticated: true,
  request: { params: nodePoolParamsSchema },
  responses: { ...accepted, ...notFound, ...writeProblems },
});

/** The operations of this API area, in the order the API lists them. */
export const nodePoolOperations: ApiOperation[] = [listNodePools, getNodePool, putNodePool, patchNodePool, deleteNodePool];
