import { ForbiddenError, ValidationError } from '../errors';
import { kqlDateTime, kqlInteger, kqlString, kqlStringList } from './kqlLiterals';
import { rowsToFetch, type LogPagePosition } from './logPaging';
import { LOG_FILTERS, LOG_SOURCE_TEMPLATES, type LogFilterName, type LogSource, type LogSourceTemplate } from './logSources';
import type { LogTimeRange } from './logTimeRange';

export const MAX_LOG_ROWS = 1000;

/** What the caller may read of one cluster: all of it, or the rows of some namespaces. */
export type LogReadScope = { kind: 'cluster' } | { kind: 'namespaces'; namespaces: readonly [string, ...string[]] };

export interface LogQueryRequest {
  source: LogSource;
  /** The cluster's ARM id; Container Insights stores it lower-cased in `_ResourceId`. */
  clusterResourceId: string;
  scope: LogReadScope;
  filters: Partial<Record<LogFilterName, string>>;
  range: LogTimeRange;
  limit: number;
  /** Resume after this position (the previous page's cursor). */
  after?: LogPagePosition;
}

/** Level values differ in case between tables (ERROR, Error, Warning), so it compares case-insensitively. */
const CASE_INSENSITIVE_FILTERS: ReadonlySet<LogFilterName> = new Set(['level']);

/**
 * The KQL of one log request: the source's table, the cluster, the time window, the caller's namespaces, the
 * filters, from the page position on, newest first in one total order (logPaging.ts), the rows of one page plus
 * what paging needs. Every value from the request is a literal built by kqlLiterals.
 */
export function buildLogQuery(request: LogQueryRequest): string {
  const template = LOG_SOURCE_TEMPLATES[request.source];
  checkLimit(request.limit);
  return [
    template.table,
    `where _ResourceId =~ ${kqlString(request.clusterResourceId.toLowerCase())}`,
    `where TimeGenerated between (${kqlDateTime(request.range.start)} .. ${kqlDateTime(request.range.end)})`,
    ...pageStartClause(request.after),
    ...namespaceScopeClause(request.source, template, request.scope),
    ...filterClauses(request.source, template, request.filters),
    `sort by ${pageOrder(template).join(', ')}`,
    `take ${kqlInteger(rowsToFetch(request.limit, request.after))}`,
    `project ${template.columns.join(', ')}`,
  ].join('\n| ');
}

/** Up to the end of the millisecond the previous page ended in (rows of it already returned are skipped after). */
function pageStartClause(after: LogPagePosition | undefined): string[] {
  if (after === undefined) return [];
  return [`where TimeGenerated < ${kqlDateTime(new Date(after.time + 1))}`];
}

/** Newest first; equal times by every other column as text (dynamic columns cannot be sorted by as they are). */
function pageOrder(template: LogSourceTemplate): string[] {
  const others = template.columns.filter((column) => column !== 'TimeGenerated');
  return ['TimeGenerated desc', ...others.map((column) => `tostring(${column}) asc`)];
}

function namespaceScopeClause(source: LogSource, template: LogSourceTemplate, scope: LogReadScope): string[] {
  if (scope.kind === 'cluster') return [];
  if (template.namespaceColumn === undefined) {
    throw new ForbiddenError(`Not allowed: ${source} logs need access to the whole cluster, not to some namespaces.`);
  }
  return [`where ${template.namespaceColumn} in ${kqlStringList(scope.namespaces)}`];
}

function filterClauses(source: LogSource, template: LogSourceTemplate, filters: LogQueryRequest['filters']): string[] {
  const given = LOG_FILTERS.filter((name) => filters[name] !== undefined);
  const unsupported = given.filter((name) => template.filterColumns[name] === undefined);
  if (unsupported.length > 0) {
    throw new ValidationError(
      `${source} logs cannot be filtered by ${unsupported.join(', ')}.`,
      unsupported.map((name) => ({ path: name, code: 'unsupported_filter', message: `not a filter of source ${source}` })),
    );
  }
  return given.map((name) => `where ${template.filterColumns[name]} ${operatorOf(name)} ${kqlString(filters[name] ?? '')}`);
}

function operatorOf(filter: LogFilterName): string {
  if (filter === 'contains') return 'contains';
  return CASE_INSENSITIVE_FILTERS.has(filter) ? '=~' : '==';
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LOG_ROWS) {
    throw new ValidationError(`limit must be 1-${MAX_LOG_ROWS}.`, [
      { path: 'limit', code: 'out_of_range', message: `must be a whole number from 1 to ${MAX_LOG_ROWS}` },
    ]);
  }
}
