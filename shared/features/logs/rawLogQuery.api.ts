import { z } from 'zod';
import { crossScopeFunctionIn, DEFAULT_RAW_QUERY_TIMESPAN, isRawQueryTimespan, MAX_RAW_QUERY_CHARS, MAX_RAW_QUERY_TIMESPAN } from '../../domain/logs';
import { CLUSTER_ROUTE, clusterParamsSchema } from '../clusters';
import { defineOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';

export const rawLogQueryRequestSchema = z.object({
  query: z
    .string()
    .min(1)
    .max(MAX_RAW_QUERY_CHARS)
    .superRefine((query, context) => {
      const crossScope = crossScopeFunctionIn(query);
      if (crossScope !== undefined) {
        context.addIssue({ code: 'custom', message: `must not call ${crossScope}(): the query runs over this cluster's rows only` });
      }
    })
    .describe(`KQL (at most ${MAX_RAW_QUERY_CHARS} characters). It sees only this cluster's rows, whatever tables it names; workspace(), app(), resource(), adx(), arg(), cluster() and database() are refused.`),
  timespan: z
    .string()
    .max(32)
    .refine(isRawQueryTimespan, `must be an ISO 8601 duration such as PT1H or P7D, at most ${MAX_RAW_QUERY_TIMESPAN}`)
    .default(DEFAULT_RAW_QUERY_TIMESPAN)
    .describe(`The window, back from now, as an ISO 8601 duration (default ${DEFAULT_RAW_QUERY_TIMESPAN}, at most ${MAX_RAW_QUERY_TIMESPAN}); applied in addition to any time filter in the query.`),
});
export type RawLogQueryRequest = z.infer<typeof rawLogQueryRequestSchema>;

export const rawLogQueryResultSchema = z.object({
  cluster: z.string().describe('The cluster ARM id the query ran against (its resource context).'),
  timespan: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())).describe('One object per row of the first result table, keyed by column name.'),
  partialError: z.object({ code: z.string(), message: z.string() }).optional().describe('Log Analytics returned only part of the rows.'),
});
export type RawLogQueryResult = z.infer<typeof rawLogQueryResultSchema>;

export const runClusterLogQuery = defineOperation({
  operationId: 'runClusterLogQuery',
  method: 'POST',
  route: `${CLUSTER_ROUTE}/logs/query`,
  summary:
    "Runs an Admin's KQL in the cluster's resource context: Log Analytics limits it to the rows of this cluster, even in a workspace shared with other clusters. Admin on the cluster (or above); every query is audited with its text.",
  tags: ['logs'],
  authenticated: true,
  request: { params: clusterParamsSchema, body: rawLogQueryRequestSchema },
  responses: {
    200: { description: 'The first result table', schema: rawLogQueryResultSchema },
    ...authenticatedProblems,
    400: { description: 'The body is invalid, or Log Analytics rejected the query (its code, e.g. BadArgumentError, and message)', schema: problemSchema },
    404: { description: 'Cluster not found', schema: problemSchema },
    409: { description: 'Monitoring (Container Insights) is not enabled on the cluster', schema: problemSchema },
    502: { description: 'Log Analytics failed the query', schema: problemSchema },
    503: { description: 'Azure is throttling or failing; retry after Retry-After seconds', schema: problemSchema },
  },
});
