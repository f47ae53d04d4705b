import type { TableClient } from '@azure/data-tables';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Page, type Stored } from '../../platform/storage/tableRepository';
import { updateRunSchema, type UpdateRun } from './updateRunDocument';

const PARTITION = 'run';

/**
 * Update runs, one document each (see updateRunDocument.ts). Every change is a conditional replace on the ETag
 * read; `update` re-reads and re-applies a change on a 412, so a transition decided on stale state is decided again.
 */
export class UpdateRunStore {
  private readonly runs: TableRepository<UpdateRun>;

  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.runs = new TableRepository(table, {
      entityName: 'Update run',
      schema: updateRunSchema,
      columns: (run) => ({ status: run.status, createdAt: run.createdAt, preflight: run.preflight?.status ?? 'None' }),
      // Members repeat ARM id prefixes, versions and messages: compressed, 200 members fit one row with room to spare.
      compress: true,
    });
  }

  async create(run: UpdateRun): Promise<Stored<UpdateRun>> {
    await this.ensureTable();
    return this.runs.create(PARTITION, run.id, run);
  }

  async get(id: string): Promise<Stored<UpdateRun> | undefined> {
    await this.ensureTable();
    return this.runs.get(PARTITION, id);
  }

  /** The run, or NotFoundError (→ 404). */
  async require(id: string): Promise<Stored<UpdateRun>> {
    await this.ensureTable();
    return this.runs.require(PARTITION, id);
  }

  /** Replaces only if the run is still at `etag`; otherwise PreconditionFailedError (→ 412). */
  async replace(run: UpdateRun, etag: string): Promise<Stored<UpdateRun>> {
    return this.runs.replace(PARTITION, run.id, run, etag);
  }

  /**
   * Read, change, conditional replace; on a concurrent writer, again from the fresh state (up to `attempts`).
   * `change` returns undefined to leave the run as it is. It must be pure: it may run more than once.
   */
  async update(id: string, change: (run: UpdateRun) => UpdateRun | undefined, attempts = 5): Promise<Stored<UpdateRun>> {
    await this.ensureTable();
    return this.runs.update(PARTITION, id, change, attempts);
  }

  /** A page of runs (row-key order: ids are time-ordered, so oldest first). */
  async page(options: { pageSize: number; continuationToken?: string }): Promise<Page<UpdateRun>> {
    await this.ensureTable();
    return this.runs.page({ filter: `PartitionKey eq '${PARTITION}'`, ...options });
  }

  /** NotStarted runs waiting for a preflight (the repair sweep re-sends a lost message). */
  async preflightsPending(): Promise<Stored<UpdateRun>[]> {
    await this.ensureTable();
    const found: Stored<UpdateRun>[] = [];
    for await (const run of this.runs.all(`PartitionKey eq '${PARTITION}' and status eq 'NotStarted' and preflight eq 'Pending'`)) found.push(run);
    return found;
  }

  /** Runs that are not finished (the engine's repair sweep). */
  async active(): Promise<Stored<UpdateRun>[]> {
    await this.ensureTable();
    const found: Stored<UpdateRun>[] = [];
    const filter = `PartitionKey eq '${PARTITION}' and (status eq 'Running' or status eq 'Stopping' or status eq 'Paused')`;
    for await (const run of this.runs.all(filter)) found.push(run);
    return found;
  }
}
