import { performance } from 'node:perf_hooks';
import {
  gatewayTimeoutBody,
  invalidRequestBody,
  partialError,
  semanticErrorBody,
  syntaxErrorBody,
  workspaceNotFoundBody,
  RESULT_SET_TOO_LARGE,
  type EngineError,
  type ErrorInfo,
} from './errorEnvelopes';
import { KqlSemanticError, KqlSyntaxError } from './kql/kqlErrors';
import { runKql, type KqlDataSource } from './kql/runQuery';
import type { TableScan } from './kql/tableScan';
import type { Table } from './kql/table';
import { rowConverter, type LogRecord } from './logRecords';
import type { QueryPreferences } from './preferHeader';
import type { QueryFaults } from './queryFaults';
import { applyResultLimits, type ResultLimits } from './resultLimits';
import type { RowCache } from './rowCache';
import { LOG_TABLES, isLogTableName, type LogTableName } from './tables';
import { parseTimespan, type TimeRange } from './timespan';
import { toWireTable } from './wireTable';

/**
 * The records of one workspace. Returning the same array per table each time, only ever appended to, lets
 * repeated queries reuse the rows converted before (see RowCache). The scan names the only resources whose rows
 * the query can use (its leading `where _ResourceId in (…)`): a workspace may leave out the others' records, which
 * spares generating them; records outside the scan that are returned anyway are filtered by the query.
 */
export interface WorkspaceLogs {
  records(table: LogTableName, scan: TableScan): Iterable<LogRecord>;
}

/** The workspace's logs, or undefined when no such workspace exists (404). The range is a hint: rows outside it are dropped here anyway. */
export type TablesFor = (workspaceId: string, range: TimeRange | undefined) => WorkspaceLogs | undefined;

/** The ids (customerIds) of the workspaces that may hold rows of an Azure resource; empty when none does. */
export type WorkspacesOfResource = (resourceId: string) => readonly string[];

export interface QueryExecutionDependencies {
  readonly tablesFor: TablesFor;
  /** The server's clock (the emulator's virtual clock): `now()`, `ago()` and duration timespans count from it. */
  readonly now: () => number;
  readonly faults: QueryFaults;
  readonly limits: ResultLimits;
  readonly rowCache: RowCache;
  /** Serves resource-context queries (`/v1/{resourceId}/query`) when given. */
  readonly workspacesOfResource?: WorkspacesOfResource;
}

export interface QueryOutcome {
  readonly status: number;
  readonly body: unknown;
}

interface QueryRequestBody {
  readonly query: string;
  readonly timespan?: string;
  readonly workspaces?: readonly string[];
}

/**
 * One query against a workspace (plus `workspaces` for a cross-workspace query, whose tables are the union of
 * every workspace's): the status and body the query API answers with.
 */
export function executeQuery(
  workspaceId: string,
  requestBody: unknown,
  preferences: QueryPreferences,
  deps: QueryExecutionDependencies,
  correlationId: string,
): QueryOutcome {
  return executeScoped({ workspaceIds: [workspaceId], faultKey: workspaceId }, requestBody, preferences, deps, correlationId);
}

/**
 * A resource-context query (`POST /v1/{resourceId}/query`): the query runs over every workspace holding rows of
 * the resource, and sees only rows whose `_ResourceId` is the resource or one of its children — whatever the
 * query text says (`union *`, other ids, other table spellings). A resource no workspace holds rows of answers
 * with empty results, as the service does.
 */
export function executeResourceQuery(
  resourceId: string,
  requestBody: unknown,
  preferences: QueryPreferences,
  deps: QueryExecutionDependencies & { readonly workspacesOfResource: WorkspacesOfResource },
  correlationId: string,
): QueryOutcome {
  const scope = {
    workspaceIds: deps.workspacesOfResource(resourceId),
    faultKey: resourceId,
    rowFilter: belongsToResource(resourceId),
  };
  return executeScoped(scope, requestBody, preferences, deps, correlationId);
}

interface QueryScope {
  readonly workspaceIds: readonly string[];
  /** What `QueryFaultRule.workspaceId` is matched against. */
  readonly faultKey: string;
  /** Rows the query may see (by record), when the scope is narrower than whole workspaces. */
  readonly rowFilter?: (resourceIdOfRow: unknown) => boolean;
}

/** The resource itself or a child of it (`<id>/…`), compared case-insensitively as ARM ids are. */
function belongsToResource(resourceId: string): (resourceIdOfRow: unknown) => boolean {
  const wanted = `/${resourceId.replace(/^\/+/, '').replace(/\/+$/, '')}`.toLowerCase();
  return (value) => {
    if (typeof value !== 'string') return false;
    const id = value.toLowerCase();
    return id === wanted || id.startsWith(`${wanted}/`);
  };
}

function executeScoped(
  scope: QueryScope,
  requestBody: unknown,
  preferences: QueryPreferences,
  deps: QueryExecutionDependencies,
  correlationId: string,
): QueryOutcome {
  const body = readBody(requestBody);
  if (typeof body === 'string')
    return { status: 400, body: invalidRequestBody('InvalidRequestBody', body, correlationId) };
  const now = deps.now();
  const range = body.timespan === undefined ? undefined : parseTimespan(body.timespan, now);
  if (body.timespan !== undefined && range === undefined) {
    return {
      status: 400,
      body: invalidRequestBody(
        'InvalidTimespan',
        `The timespan '${body.timespan}' is not an ISO 8601 duration or interval`,
        correlationId,
      ),
    };
  }
  const workspaceIds = [...scope.workspaceIds, ...(body.workspaces ?? [])];
  const workspaces: { id: string; logs: WorkspaceLogs }[] = [];
  for (const id of workspaceIds) {
    const logs = deps.tablesFor(id, range);
    if (logs === undefined) return { status: 404, body: workspaceNotFoundBody(id, correlationId) };
    workspaces.push({ id, logs });
  }
  const fault = deps.faults.take(scope.faultKey, body.query);
  if (fault?.runSeconds !== undefined && fault.runSeconds > preferences.waitSeconds) {
    return { status: 504, body: gatewayTimeoutBody(preferences.waitSeconds, correlationId) };
  }
  const started = performance.now();
  let table: Table;
  try {
    table = runKql(body.query, dataSource(workspaces, range, deps.rowCache, scope.rowFilter), now);
  } catch (error) {
    if (error instanceof KqlSyntaxError) return { status: 400, body: syntaxErrorBody(error, correlationId) };
    if (error instanceof KqlSemanticError)
      return { status: 400, body: semanticErrorBody(error, correlationId) };
    throw error;
  }
  const elapsedSeconds = (performance.now() - started) / 1_000;
  if (elapsedSeconds > preferences.waitSeconds)
    return { status: 504, body: gatewayTimeoutBody(preferences.waitSeconds, correlationId) };
  const injected: EngineError | undefined =
    fault?.partialErrorMessage === undefined
      ? undefined
      : { code: fault.partialErrorCode ?? RESULT_SET_TOO_LARGE, message: fault.partialErrorMessage };
  return { status: 200, body: resultBody(table, preferences, deps.limits, elapsedSeconds, injected) };
}

function readBody(body: unknown): QueryRequestBody | string {
  if (typeof body !== 'object' || body === null) return 'The request body must be a JSON object with a query';
  const { query, timespan, workspaces } = body as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return 'The query is missing or empty';
  if (timespan !== undefined && timespan !== null && typeof timespan !== 'string')
    return 'The timespan must be a string';
  const isList = Array.isArray(workspaces) && workspaces.every((id) => typeof id === 'string');
  if (workspaces !== undefined && workspaces !== null && !isList)
    return 'workspaces must be a list of workspace IDs';
  return {
    query,
    ...(typeof timespan === 'string' ? { timespan } : {}),
    ...(isList ? { workspaces } : {}),
  };
}

/** The tables the query sees: each workspace's records as rows, outside the timespan dropped. */
function dataSource(
  workspaces: readonly { id: string; logs: WorkspaceLogs }[],
  range: TimeRange | undefined,
  rowCache: RowCache,
  rowFilter: QueryScope['rowFilter'],
): KqlDataSource {
  return {
    schemas: LOG_TABLES,
    rows: (name, scan) => {
      const schema = LOG_TABLES.find((table) => table.name === name);
      if (schema === undefined || !isLogTableName(name)) return [];
      const timeIndex = schema.columns.findIndex((column) => column.name === 'TimeGenerated');
      const resourceIndex = schema.columns.findIndex((column) => column.name === '_ResourceId');
      const perWorkspace = workspaces.map(({ id, logs }) => {
        const convert = rowConverter(schema, { TenantId: id, Type: name });
        const records = logs.records(name, scan);
        // A narrowed scan's records are a fresh subset: nothing converted before can be reused for them.
        const rows = scan.resourceIds === undefined ? rowCache.rowsOf(id, name, records, convert) : Array.from(records, convert);
        const inScope = rowFilter === undefined ? rows : rows.filter((row) => rowFilter(row[resourceIndex]));
        return range === undefined ? inScope : inScope.filter((row) => isInRange(row[timeIndex] ?? null, range));
      });
      return perWorkspace.length === 1 ? perWorkspace[0]! : perWorkspace.flat();
    },
  };
}

function isInRange(time: unknown, range: TimeRange): boolean {
  return typeof time === 'number' && time >= range.start && time <= range.end;
}

function resultBody(
  table: Table,
  preferences: QueryPreferences,
  limits: ResultLimits,
  elapsedSeconds: number,
  injectedError: EngineError | undefined,
): Record<string, unknown> {
  const wire = toWireTable(table);
  const limited = applyResultLimits(wire.rows, limits);
  const truncation: EngineError | undefined =
    limited.truncation === undefined
      ? undefined
      : { code: RESULT_SET_TOO_LARGE, message: limited.truncation };
  const engineErrors = [truncation, injectedError].filter(
    (engineError): engineError is EngineError => engineError !== undefined,
  );
  const error: ErrorInfo | undefined = engineErrors.length === 0 ? undefined : partialError(engineErrors);
  return {
    tables: [{ ...wire, rows: limited.rows }],
    ...(preferences.includeStatistics ? { statistics: statistics(elapsedSeconds, limited.rows.length) } : {}),
    ...(error === undefined ? {} : { error }),
  };
}

/** A small subset of the service's statistics object: run time and result size. */
function statistics(elapsedSeconds: number, rowCount: number): Record<string, unknown> {
  return {
    query: {
      executionTime: Number(elapsedSeconds.toFixed(6)),
      datasetStatistics: [{ tableRowCount: rowCount }],
    },
  };
}
