import { createHash } from 'node:crypto';
import type { LogFilterName, LogPagePosition, LogReadScope, LogSource, LogTimeRange } from '../../domain/logs';
import { decodeContinuation, encodeContinuation } from '../../platform/http/paging';

/** What a cursor belongs to: the cursor of one query is refused by any other (400 naming `cursor`). */
export interface LogQueryIdentity {
  clusterId: string;
  source: LogSource;
  filters: Partial<Record<LogFilterName, string>>;
  scope: LogReadScope;
  range: LogTimeRange;
}

interface LogCursor {
  v: 1;
  /** The page position: millisecond and rows of it returned. */
  t: number;
  n: number;
  /** Fingerprint of the query the cursor continues. */
  q: string;
}

const CURSOR_PARAMETER = 'cursor';
const MAX_SKIP = 1_000_000;

export function encodeLogCursor(position: LogPagePosition, query: LogQueryIdentity): string {
  return encodeContinuation({ v: 1, t: position.time, n: position.skip, q: fingerprintOf(query) } satisfies LogCursor);
}

/** The position a cursor resumes at, if it is one this query handed out (its window, filters and scope). */
export function decodeLogCursor(value: string, query: LogQueryIdentity): LogPagePosition {
  const fingerprint = fingerprintOf(query);
  const isCursorOfThisQuery = (cursor: unknown): cursor is LogCursor => isLogCursor(cursor) && cursor.q === fingerprint && isInside(cursor.t, query.range);
  const cursor = decodeContinuation(value, isCursorOfThisQuery, CURSOR_PARAMETER);
  return { time: cursor.t, skip: cursor.n };
}

function isLogCursor(value: unknown): value is LogCursor {
  if (typeof value !== 'object' || value === null) return false;
  const cursor = value as Partial<LogCursor>;
  return cursor.v === 1 && Number.isSafeInteger(cursor.t) && Number.isSafeInteger(cursor.n) && (cursor.n ?? 0) >= 1 && (cursor.n ?? 0) <= MAX_SKIP && typeof cursor.q === 'string';
}

function isInside(time: number, range: LogTimeRange): boolean {
  return time >= range.start.getTime() && time <= range.end.getTime();
}

/** A short hash of everything that decides which rows the query returns, so a cursor cannot be moved to another. */
function fingerprintOf(query: LogQueryIdentity): string {
  const canonical = JSON.stringify([
    query.clusterId.toLowerCase(),
    query.source,
    Object.entries(query.filters).sort(([a], [b]) => a.localeCompare(b)),
    query.scope.kind === 'namespaces' ? [...query.scope.namespaces] : '*',
    query.range.start.getTime(),
    query.range.end.getTime(),
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}
