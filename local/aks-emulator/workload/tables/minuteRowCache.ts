import type { TableContext } from './tableContext';
import { MINUTE_MS } from './tableContext';
import type { Row } from './tableSchemas';

/** Tables whose rows for a range are exactly the rows of each of its minutes, one after the other. */
export const PER_MINUTE_TABLES: ReadonlySet<string> = new Set(['KubePodInventory', 'KubeNodeInventory']);

/** Bounds the memory held: about 0.5 KB per record. */
const DEFAULT_MAX_RECORDS = 600_000;

/**
 * Generated inventory rows per (cluster, table, collection minute), kept for minutes before the virtual clock's now:
 * those rows are final (a workload or topology change applies from its own instant on), so the many queries of a
 * fleet health request, and the next request over the same window, generate each cluster-minute once. Oldest
 * entries go first past `maxRecords`; a reset of the simulation (`epoch`) empties the cache.
 */
export class MinuteRowCache {
  private readonly entries = new Map<string, Row[]>();
  private records = 0;
  private epoch: number | undefined;

  constructor(private readonly maxRecords = DEFAULT_MAX_RECORDS) {}

  /** The table's rows over the context's range, from the cache where final, else from `generate`. */
  rows(ctx: TableContext, table: string, epoch: number, generate: (ctx: TableContext) => Row[]): Row[] {
    if (epoch !== this.epoch) this.clear(epoch);
    const rows: Row[] = [];
    const firstMinute = Math.ceil(ctx.fromMs / MINUTE_MS) * MINUTE_MS;
    for (let minute = firstMinute; minute < ctx.toMs; minute += MINUTE_MS) {
      const minuteCtx = { ...ctx, fromMs: minute, toMs: Math.min(minute + 1, ctx.toMs) };
      if (minute >= ctx.nowMs) {
        rows.push(...generate(minuteCtx));
        continue;
      }
      const key = `${ctx.clusterKey}\u0000${table}\u0000${minute}`;
      let cached = this.entries.get(key);
      if (cached === undefined) {
        cached = generate(minuteCtx);
        this.remember(key, cached);
      }
      rows.push(...cached);
    }
    return rows;
  }

  private remember(key: string, rows: Row[]): void {
    this.entries.set(key, rows);
    this.records += rows.length;
    for (const [oldest, oldestRows] of this.entries) {
      if (this.records <= this.maxRecords) break;
      this.entries.delete(oldest);
      this.records -= oldestRows.length;
    }
  }

  private clear(epoch: number): void {
    this.entries.clear();
    this.records = 0;
    this.epoch = epoch;
  }
}
