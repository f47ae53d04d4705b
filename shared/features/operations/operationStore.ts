import { odata, type TableClient } from '@azure/data-tables';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { operationRecordSchema, type OperationRecord } from './operationRecord';

const PARTITION = 'operation';

/** Durable operation records: they outlive the invocation that started them and any host restart. */
export class OperationStore {
  private readonly records: TableRepository<OperationRecord>;

  private readonly ensureTable: () => Promise<void>;

  constructor(private readonly table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.records = new TableRepository(table, {
      entityName: 'Operation',
      schema: operationRecordSchema,
      columns: (record) => ({ status: record.status, target: record.target.toLowerCase() }),
    });
  }

  async create(record: OperationRecord): Promise<Stored<OperationRecord>> {
    await this.ensureTable();
    return this.records.create(PARTITION, record.id, record);
  }

  async get(id: string): Promise<Stored<OperationRecord> | undefined> {
    await this.ensureTable();
    return this.records.get(PARTITION, id);
  }

  async replace(record: OperationRecord, etag: string): Promise<Stored<OperationRecord>> {
    return this.records.replace(PARTITION, record.id, record, etag);
  }

  /** Operations not yet finished, oldest first: the sweeper's work list. */
  async active(): Promise<Stored<OperationRecord>[]> {
    await this.ensureTable();
    const found: Stored<OperationRecord>[] = [];
    const filter = odata`PartitionKey eq ${PARTITION} and (status eq ${'Accepted'} or status eq ${'InProgress'})`;
    for await (const record of this.records.all(filter)) found.push(record);
    return found.sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
  }
}
