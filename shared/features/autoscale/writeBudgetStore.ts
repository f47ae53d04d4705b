import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, PreconditionFailedError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository } from '../../platform/storage/tableRepository';
import { tableKeyOf } from './tableKeys';

/**
 * AKS lets a subscription PUT agent pools in a burst of about 20, then about one a minute. Fleetplane mirrors that
 * bucket per subscription in a row (on the Clock's time) and leaves `reserve` tokens for people's own writes, so the
 * autoscaler never spends the whole bucket; what a cycle may spend is what is left.
 */
export const AKS_AGENT_POOL_WRITE_BUCKET = { size: 20, refillPerMinute: 1 } as const;
export const PEOPLE_RESERVE = 4;

const bucketRowSchema = z.object({ tokens: z.number().min(0), at: z.iso.datetime() });
type BucketRow = z.infer<typeof bucketRowSchema>;

const PARTITION = 'writebudget';

export class WriteBudgetStore {
  private readonly rows: TableRepository<BucketRow>;
  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.rows = new TableRepository(table, { entityName: 'Autoscale write budget', schema: bucketRowSchema });
    this.ensureTable = ensureTableOnce(table);
  }

  /** Writes the cycle may spend now in the subscription (whole tokens above the reserve). */
  async available(subscriptionId: string, now: Date): Promise<number> {
    await this.ensureTable();
    const stored = await this.rows.get(PARTITION, tableKeyOf(subscriptionId));
    return Math.max(0, Math.floor(levelAt(stored?.value, now) - PEOPLE_RESERVE));
  }

  /**
   * Takes `count` tokens (after the writes were sent); retried on a concurrent spender. `count` 0 after a cluster
   * stop or start takes nothing but stamps the row, so `lastSpentAt` knows the subscription was written.
   */
  async spend(subscriptionId: string, count: number, now: Date, options: { stampEvenIfNone?: boolean } = {}): Promise<void> {
    if (count <= 0 && !options.stampEvenIfNone) return;
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await this.rows.get(PARTITION, tableKeyOf(subscriptionId));
      const next = { tokens: Math.max(0, levelAt(stored?.value, now) - count), at: now.toISOString() };
      try {
        if (stored) await this.rows.replace(PARTITION, tableKeyOf(subscriptionId), next, stored.etag);
        else await this.rows.create(PARTITION, tableKeyOf(subscriptionId), next);
        return;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError || error instanceof ConflictError)) throw error;
      }
    }
  }

  /** When autoscale last wrote in this subscription (a pool write, a stop or start, a 429), on the cycle's clock. */
  async lastSpentAt(subscriptionId: string): Promise<Date | undefined> {
    await this.ensureTable();
    const stored = await this.rows.get(PARTITION, tableKeyOf(subscriptionId));
    return stored ? new Date(stored.value.at) : undefined;
  }

  /** AKS answered 429: its bucket is empty whatever the mirror thought. */
  async exhaust(subscriptionId: string, now: Date): Promise<void> {
    await this.rows.upsert(PARTITION, tableKeyOf(subscriptionId), { tokens: 0, at: now.toISOString() });
  }
}

function levelAt(row: BucketRow | undefined, now: Date): number {
  if (!row) return AKS_AGENT_POOL_WRITE_BUCKET.size;
  const minutes = Math.max(0, (now.getTime() - Date.parse(row.at)) / 60_000);
  return Math.min(AKS_AGENT_POOL_WRITE_BUCKET.size, row.tokens + minutes * AKS_AGENT_POOL_WRITE_BUCKET.refillPerMinute);
}
