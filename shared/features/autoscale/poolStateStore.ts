import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, PreconditionFailedError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository } from '../../platform/storage/tableRepository';
import { tableKeyOf } from './tableKeys';

/**
 * One row per autoscaled pool (partition: its subscription): the last cycle that evaluated it — the claim — and
 * what its evaluations remember between cycles (the stabilisation log, the scale events). A host evaluates a pool
 * for a cycle only if its conditional write of the new cycle number wins, so across hosts and duplicate messages
 * each pool is evaluated once per cycle and written at most once.
 */
export const poolStateSchema = z.object({
  clusterResourceId: z.string(),
  poolName: z.string(),
  /** The last cycle that claimed the pool (0: only on-demand evaluations so far). */
  cycle: z.int().min(0),
  history: z.object({
    recommendations: z.array(z.object({ replicas: z.int(), at: z.string() })),
    scaleEvents: z.array(z.object({ change: z.int(), at: z.string() })),
    stoppedBySchedule: z.string().optional(),
  }),
  evaluatedAt: z.string(),
});
export type PoolStateRow = z.infer<typeof poolStateSchema>;

export interface ClaimablePool {
  row: PoolStateRow | undefined;
  etag: string | undefined;
}

export class PoolStateStore {
  private readonly rows: TableRepository<PoolStateRow>;
  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.rows = new TableRepository(table, { entityName: 'Autoscale pool state', schema: poolStateSchema });
    this.ensureTable = ensureTableOnce(table);
  }

  /** Every pool row of a subscription in one query, by pool key. */
  async ofSubscription(subscriptionId: string): Promise<Map<string, ClaimablePool>> {
    await this.ensureTable();
    const found = new Map<string, ClaimablePool>();
    for await (const stored of this.rows.all(odata`PartitionKey eq ${tableKeyOf(subscriptionId)}`)) {
      found.set(stored.rowKey, { row: stored.value, etag: stored.etag });
    }
    return found;
  }

  /** One pool's row (after a lost claim, to evaluate again on what the winner wrote). */
  async read(subscriptionId: string, poolKey: string): Promise<ClaimablePool> {
    await this.ensureTable();
    const stored = await this.rows.get(tableKeyOf(subscriptionId), tableKeyOf(poolKey));
    return { row: stored?.value, etag: stored?.etag };
  }

  /** Writes the pool's new state on the version read: its new ETag, or undefined when another host got there first. */
  async claim(subscriptionId: string, poolKey: string, next: PoolStateRow, etag: string | undefined): Promise<string | undefined> {
    const partition = tableKeyOf(subscriptionId);
    try {
      const stored = etag === undefined ? await this.rows.create(partition, tableKeyOf(poolKey), next) : await this.rows.replace(partition, tableKeyOf(poolKey), next, etag);
      return stored.etag;
    } catch (error) {
      if (error instanceof PreconditionFailedError || error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /** The row of a pool in what `ofSubscription` returned. */
  static find(rows: ReadonlyMap<string, ClaimablePool>, poolKey: string): ClaimablePool {
    return rows.get(tableKeyOf(poolKey)) ?? { row: undefined, etag: undefined };
  }
}
