import { z } from 'zod';
import { durationMilliseconds, LOG_SOURCES, MAX_LOG_ROWS, unsafeCharacterIn } from '../../domain/logs';
import { CLUSTER_ROUTE, clusterParamsSchema } from '../clusters';
import { defineOperation, type ApiOperation } from '../../platform/http/apiOperation';
import { authenticatedProblems, problemSchema } from '../../platform/http/problemSchema';
import { runClusterLogQuery } from './rawLogQuery.api';

export const DEFAULT_LOG_ROWS = 100;

const filterValue = (description: string) =>
  z
    .string()
    .min(1)
    .max(256)
    .refine((value) => unsafeCharacterIn(value) === undefined, 'must not contain control characters (other than tab, newline, return), U+2028/U+2029 or lone surrogates')
    .optional()
    .describe(description);

export const logsQuerySchema = z
  .object({
    source: z.enum(LOG_SOURCES).default('containers').describe('containers (ContainerLogV2), events (KubeEvents), controlPlane (AKSControlPlane), audit (AKSAudit). controlPlane and audit need access to the whole cluster.'),
    namespace: filterValue('Exact namespace (containers, events).'),
    pod: filterValue('Exact pod name (containers, events: the involved object, controlPlane).'),
    container: filterValue('Exact container name (containers) or control-plane category (controlPlane).'),
    level: filterValue('Level, case-insensitive: LogLevel (containers), KubeEventType (events), Level (controlPlane).'),
    contains: filterValue('Case-insensitive substring of the message (the request URI for audit).'),
    since: z.iso.datetime({ offset: true }).optional().describe('Start of the window (ISO 8601); with until, or up to now.'),
    until: z.iso.datetime({ offset: true }).optional().describe('End of the window (ISO 8601); default now.'),
    last: z
      .string()
      .max(32)
      .refine((value) => durationMilliseconds(value) !== undefined, 'must be an ISO 8601 duration such as PT1H or P1D')
      .optional()
      .describe('The window as a duration back from until (default PT1H); not with since.'),
    limit: z.coerce.number().int().min(1).max(MAX_LOG_ROWS).default(DEFAULT_LOG_ROWS).describe(`Rows, newest first (1-${MAX_LOG_ROWS}).`),
    cursor: z.string().max(512).optional().describe('Where the next page starts: take it from nextLink, which also fixes since and until.'),
  })
  .refine((query) => !(query.since && query.last), { path: ['last'], message: 'give since or last, not both' })
  .refine((query) => !(query.since && query.until) || Date.parse(query.since) <= Date.parse(query.until), {
    path: ['until'],
    message: 'must not be before since',
  });
export type LogsQuery = z.infer<typeof logsQuerySchema>;

export const logsResultSchema = z.object({
  source: z.enum(LOG_SOURCES),
  cluster: z.string().describe('The cluster ARM id the rows belong to.'),
  timespan: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  namespaces: z.array(z.string()).optional().describe('Present when the caller may read only these namespaces: rows are limited to them.'),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  rows: z.array(z.record(z.string(), z.unknown())).describe('Newest first; one object per row, keyed by column name.'),
  partialError: z.object({ code: z.string(), message: z.string() }).optional().describe('Log Analytics returned only part of the rows.'),
  nextLink: z.string().optional().describe('The next page (older rows), when there is one. CSV answers carry it in a Link header (rel="next").'),
});
export type LogsResult = z.infer<typeof logsResultSchema>;

export const getClusterLogs = defineOperation({
  operationId: 'getClusterLogs',
  method: 'GET',
  route: `${CLUSTER_ROUTE}/logs`,
  summary:
    "Log rows of a cluster from its Container Insights workspace (Operator; a namespace-scoped caller gets only its namespaces). JSON, or CSV with Accept: text/csv. Every query is audited.",
  tags: ['logs'],
  authenticated: true,
  request: { params: clusterParamsSchema, query: logsQuerySchema },
  responses: {
    200: { description: 'The rows (CSV with Accept: text/csv)', schema: logsResultSchema },
    404: { description: 'Cluster or workspace not found', schema: problemSchema },
    409: { description: 'Monitoring (Container Insights) is not enabled on the cluster', schema: problemSchema },
    ...authenticatedProblems,
    502: { description: 'Log Analytics rejected the query', schema: problemSchema },
    503: { description: 'Azure is throttling or failing; retry after Retry-After seconds', schema: problemSchema },
  },
});

export const logsOperations: ApiOperation[] = [getClusterLogs, runClusterLogQuery];
