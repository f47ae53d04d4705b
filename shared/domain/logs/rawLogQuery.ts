import { durationMilliseconds } from './logTimeRange';

/**
 * Bounds of an Admin's raw KQL query (`POST …/logs/query`). The query itself runs in the cluster's resource
 * context, where the service keeps only the cluster's rows; these checks keep the request small and refuse what
 * would leave that context.
 */
export const MAX_RAW_QUERY_CHARS = 10_000;
/** Log Analytics keeps data queryable (interactive retention) for at most two years. */
export const MAX_RAW_QUERY_TIMESPAN = 'P730D';
export const DEFAULT_RAW_QUERY_TIMESPAN = 'PT1H';

const MAX_TIMESPAN_MS = durationMilliseconds(MAX_RAW_QUERY_TIMESPAN) ?? 0;

/** A duration the service accepts as a query's timespan: more than zero, at most MAX_RAW_QUERY_TIMESPAN. */
export function isRawQueryTimespan(text: string): boolean {
  const milliseconds = durationMilliseconds(text);
  return milliseconds !== undefined && milliseconds > 0 && milliseconds <= MAX_TIMESPAN_MS;
}

/**
 * Functions that reach data outside the query's own scope: other workspaces, Application Insights apps, other
 * resources, Azure Data Explorer clusters and databases, Azure Resource Graph.
 */
const CROSS_SCOPE_FUNCTIONS = ['workspace', 'app', 'resource', 'adx', 'arg', 'cluster', 'database'] as const;

/**
 * A call of one of those functions: the bare name or a bracketed `['name']`, then any whitespace and `//` comments,
 * then `(`. Deliberately blunt — it also matches inside string literals and comments, where such a refusal only
 * costs the Admin a rephrasing, while a missed call could read another scope.
 */
const CROSS_SCOPE_CALL = new RegExp(
  `(?:(?<![A-Za-z0-9_])(${CROSS_SCOPE_FUNCTIONS.join('|')})|\\[\\s*(['"])(${CROSS_SCOPE_FUNCTIONS.join('|')})\\2\\s*\\])(?:\\s|//[^\\n]*(?:\\n|$))*\\(`,
  'i',
);

/** The cross-scope function the query calls, if any (lower-cased). */
export function crossScopeFunctionIn(query: string): string | undefined {
  const match = CROSS_SCOPE_CALL.exec(query);
  if (!match) return undefined;
  return (match[1] ?? match[3] ?? '').toLowerCase();
}
