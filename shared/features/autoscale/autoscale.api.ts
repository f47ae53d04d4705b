import { z } from 'zod';
import { CLUSTER_ROUTE, clusterParamsSchema } from '../clusters';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';
import { decisionRecordSchema } from './decisionRecord';

const poolNameSchema = z
  .string()
  .max(12)
  .regex(/^[a-z][a-z0-9]{0,11}$/, 'must be an AKS pool name: 1-12 lower-case letters and digits, starting with a letter');

export const decisionsQuerySchema = z.object({
  pool: poolNameSchema.optional().describe('Only this pool\'s decisions.'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  continuationToken: z.string().max(4096).optional(),
});

export const evaluateQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true')
    .describe('true: record the decisions as a dry run; nothing is sent to ARM.'),
});

export const listAutoscaleDecisions = defineOperation({
  operationId: 'listAutoscaleDecisions',
  method: 'GET',
  route: `${CLUSTER_ROUTE}/autoscaleDecisions`,
  summary:
    'The autoscaler\'s decisions for the cluster\'s pools, newest first (Reader; kept 30 days): inputs, every step of the math, the result, the rule, what was done (operation id) or why not, and one sentence. Paged with nextLink.',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: clusterParamsSchema, query: decisionsQuerySchema },
  responses: {
    200: { description: 'A page of decisions', schema: z.object({ value: z.array(decisionRecordSchema), nextLink: z.string().optional() }) },
    ...authenticatedProblems,
  },
});

export const evaluateClusterAutoscale = defineOperation({
  operationId: 'evaluateClusterAutoscale',
  method: 'POST',
  route: `${CLUSTER_ROUTE}/autoscale/evaluate`,
  summary:
    'Evaluates the cluster\'s governed pools now and answers the decisions (Operator; ?dryRun=true: Reader, decisions recorded as a dry run, nothing sent to ARM).',
  tags: ['autoscale'],
  authenticated: true,
  request: { params: clusterParamsSchema, query: evaluateQuerySchema },
  responses: {
    200: { description: 'The decisions of this evaluation (none when no policy governs a pool of the cluster)', schema: z.object({ value: z.array(decisionRecordSchema) }) },
    404: { description: 'Cluster not found', schema: problemSchema },
    ...authenticatedProblems,
    503: { description: 'Azure Resource Manager or storage is throttling or failing; retry after Retry-After seconds', schema: problemSchema },
  },
});

export const autoscaleOperations: ApiOperation[] = [listAutoscaleDecisions, evaluateClusterAutoscale];
