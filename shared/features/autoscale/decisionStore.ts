import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository } from '../../platform/storage/tableRepository';
import { decisionRecordSchema, type DecisionRecord } from './decisionRecord';
import { tableKeyOf } from './tableKeys';

/** Decisions are kept this long (then pruned, at most once an hour per cluster and instance). */
export const DECISION_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 3_600_000;
const MAX_TIME_MS = 8_640_000_000_000_000;

/**
 * Decision records, one partition per cluster, newest first: the row key starts with the inverted evaluation
 * time, so a page of a cluster is one range of rows; `pool` is a column, so `?pool=` filters server-side.
 */
export class DecisionStore {
  private readonly rows: TableRepository<DecisionRecord>;
  private readonly ensureTable: () => Promise<void>;
  private readonly prunedAt = new Map<string, number>();

  constructor(table: TableClient) {
    this.rows = new TableRepository(table, {
      entityName: 'Autoscale decision',
      schema: decisionRecordSchema,
      columns: (record) => ({ pool: record.poolName.toLowerCase() }),
    });
    this.ensureTable = ensureTableOnce(table);
  }

  /** Stores one cluster's decisions of an evaluation together (an entity-group transaction per 100). */
  async record(clusterResourceId: string, records: readonly DecisionRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.ensureTable();
    const partition = tableKeyOf(clusterResourceId);
    await this.rows.upsertMany(partition, records.map((record) => ({ rowKey: rowKeyOf(record), value: record })));
    await this.pruneNowAndThen(partition, Date.parse(records[0]!.evaluatedAt));
  }

  async page(clusterResourceId: string, options: { pool?: string; pageSize: number; continuationToken?: string }) {
    await this.ensureTable();
    const partition = tableKeyOf(clusterResourceId);
    const filter = options.pool ? odata`PartitionKey eq ${partition} and pool eq ${options.pool.toLowerCase()}` : odata`PartitionKey eq ${partition}`;
    const page = await this.rows.page({ filter, pageSize: options.pageSize, ...(options.continuationToken ? { continuationToken: options.continuationToken } : {}) });
    return { records: page.items.map((item) => item.value), continuationToken: page.continuationToken };
  }

  private async pruneNowAndThen(partition: string, nowMs: number): Promise<void> {
    const last = this.prunedAt.get(partition) ?? 0;
    if (Date.now() - last < PRUNE_EVERY_MS) return;
    this.prunedAt.set(partition, Date.now());
    const cutoff = invertedTime(nowMs - DECISION_RETENTION_DAYS * 86_400_000);
    const old = await this.rows.page({ filter: odata`PartitionKey eq ${partition} and RowKey gt ${cutoff}`, pageSize: 100 });
    await this.rows.deleteMany(partition, old.items.map((item) => item.rowKey));
  }
}

function invertedTime(ms: number): string {
  return String(MAX_TIME_MS - ms).padStart(16, '0');
}

function rowKeyOf(record: DecisionRecord): string {
  return `${invertedTime(Date.parse(record.evaluatedAt))}|${tableKeyOf(record.poolName)}|${record.id}`;
}
