import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ConflictError, PreconditionFailedError } from '../../domain/errors';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';

/**
 * The one row that makes the cycle a single chain across hosts: the number of the next cycle to run and whether
 * the chain runs at all. Every move is a conditional write on the row's ETag, so of two hosts holding the same
 * tick (a duplicate message, a repair racing a late message) exactly one moves it.
 */
export const chainStateSchema = z.object({
  status: z.enum(['running', 'idle']),
  /** The cycle the next tick message must carry. */
  nextCycle: z.int().min(1),
  /** Real time of the last move (the repair timer's staleness test). */
  movedAt: z.iso.datetime(),
});
export type ChainState = z.infer<typeof chainStateSchema>;

const PARTITION = 'chain';
const ROW = 'state';

export class CycleChainStore {
  private readonly rows: TableRepository<ChainState>;
  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.rows = new TableRepository(table, { entityName: 'Autoscale cycle chain', schema: chainStateSchema });
    this.ensureTable = ensureTableOnce(table);
  }

  async read(): Promise<Stored<ChainState> | undefined> {
    await this.ensureTable();
    return this.rows.get(PARTITION, ROW);
  }

  /** Creates or replaces the row on the version read; false when another host moved it first. */
  async move(next: ChainState, etag: string | undefined): Promise<boolean> {
    try {
      if (etag === undefined) await this.rows.create(PARTITION, ROW, next);
      else await this.rows.replace(PARTITION, ROW, next, etag);
      return true;
    } catch (error) {
      if (error instanceof PreconditionFailedError || error instanceof ConflictError) return false;
      throw error;
    }
  }
}
