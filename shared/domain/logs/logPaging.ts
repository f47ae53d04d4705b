/**
 * Paging of log rows, newest first. Rows are ordered by TimeGenerated (descending), then by every returned column
 * (ascending), so equal timestamps still have one order. A page resumes strictly after the last row returned:
 * the next query keeps only rows up to that row's millisecond and skips the rows of that millisecond already
 * returned. Rows that arrive later with newer timestamps never shift a page; only a row arriving late into the
 * very millisecond a page ended in can.
 */
export interface LogPagePosition {
  /** The millisecond of the last row returned (the query API's datetimes reach the app in whole milliseconds). */
  time: number;
  /** How many rows of that millisecond, in page order, have been returned so far. */
  skip: number;
}

export interface LogPage<R> {
  rows: R[];
  /** Set when more rows follow. */
  next?: LogPagePosition;
}

/** How many rows to ask for: the rows to skip, the page, and one more to know whether another page follows. */
export function rowsToFetch(limit: number, after: LogPagePosition | undefined): number {
  return (after?.skip ?? 0) + limit + 1;
}

/** The page out of the rows a query returned (already ordered and limited to `after`'s millisecond and older). */
export function pageOf<R>(fetched: readonly R[], timeOf: (row: R) => number, limit: number, after: LogPagePosition | undefined): LogPage<R> {
  const skipped = leadingRowsAt(fetched, timeOf, after);
  const rest = fetched.slice(skipped);
  const rows = rest.slice(0, limit);
  const last = rows.at(-1);
  if (rest.length <= limit || last === undefined) return { rows };
  const time = timeOf(last);
  const returnedAtTime = rows.filter((row) => timeOf(row) === time).length;
  const before = after !== undefined && after.time === time ? skipped : 0;
  return { rows, next: { time, skip: before + returnedAtTime } };
}

/** The rows of `after`'s millisecond returned before, at most `after.skip` (fewer if some have gone since). */
function leadingRowsAt<R>(rows: readonly R[], timeOf: (row: R) => number, after: LogPagePosition | undefined): number {
  if (after === undefined) return 0;
  let count = 0;
  while (count < after.skip && count < rows.length && timeOf(rows[count]!) === after.time) count += 1;
  return count;
}
