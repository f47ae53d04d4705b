import type { Stored, TableRepository } from './tableRepository';

export interface PruneOptions<T> {
  /** Rows past retention (build it with `odata`); every row it matches is deleted unless `keep` says otherwise. */
  filter: string;
  /** Bound on the rows one run deletes, and half the bound on the rows it reads (the rest wait for the next run). */
  maxRows: number;
  pageSize?: number;
  /** A last check on each row read, for conditions the filter cannot express. */
  keep?: (row: Stored<T>) => boolean;
  /**
   * Delete only the version read (a row by row delete): a row changed meanwhile, e.g. made pending again, stays.
   * Without it rows go in entity-group transactions per partition (TableRepository.deleteMany).
   */
  ifUnchanged?: boolean;
}

export interface PruneResult {
  /** Rows deleted, or found already gone (another run at once deleted them first). */
  deleted: number;
  /** Rows the filter matched that were kept or had changed. */
  kept: number;
  /** More may match: the bound was reached. */
  more: boolean;
}

/**
 * Deletes the rows a filter matches, page by page, at most `maxRows` per run. Safe to run twice at once: a row
 * another run deleted first is no error, and with `ifUnchanged` a row someone rewrote is left for the next run.
 */
export async function pruneRows<T>(rows: TableRepository<T>, options: PruneOptions<T>): Promise<PruneResult> {
  let deleted = 0;
  let kept = 0;
  let read = 0;
  let continuationToken: string | undefined;
  do {
    const pageSize = Math.min(options.pageSize ?? 100, options.maxRows - deleted);
    const page = await rows.page({ filter: options.filter, pageSize, ...(continuationToken ? { continuationToken } : {}) });
    continuationToken = page.continuationToken;
    read += page.items.length;
    const doomed = page.items.filter((row) => !options.keep?.(row));
    kept += page.items.length - doomed.length;
    if (options.ifUnchanged) {
      for (const row of doomed) {
        if (await rows.deleteIfUnchanged(row.partitionKey, row.rowKey, row.etag)) deleted += 1;
        else kept += 1;
      }
    } else {
      for (const [partitionKey, rowKeys] of byPartition(doomed)) await rows.deleteMany(partitionKey, rowKeys);
      deleted += doomed.length;
    }
    // Reads are bounded too: rows kept (or rewritten meanwhile) must not make one run read the whole table.
  } while (continuationToken && deleted < options.maxRows && read < 2 * options.maxRows);
  return { deleted, kept, more: Boolean(continuationToken) };
}

function byPartition<T>(rows: readonly Stored<T>[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.partitionKey, [...(groups.get(row.partitionKey) ?? []), row.rowKey]);
  return groups;
}
