import type { TableClient } from '@azure/data-tables';
import type { z } from 'zod';
import type { RoleBinding } from '../../domain/access/roleBinding';
import { roleBindingRecordSchema } from './roleBindingSchema';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';

const PARTITION = 'binding';

const storedBindingSchema = roleBindingRecordSchema satisfies z.ZodType<RoleBinding>;

/** Role bindings in Table storage; every write is conditional so concurrent admins cannot overwrite each other. */
export class RoleBindingStore {
  private readonly bindings: TableRepository<RoleBinding>;

  private readonly ensureTable: () => Promise<void>;

  constructor(private readonly table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    this.bindings = new TableRepository(table, { entityName: 'Role binding', schema: storedBindingSchema });
  }

  async all(): Promise<Stored<RoleBinding>[]> {
    await this.ensureTable();
    const found: Stored<RoleBinding>[] = [];
    for await (const binding of this.bindings.all()) found.push(binding);
    return found;
  }

  async get(id: string): Promise<Stored<RoleBinding> | undefined> {
    await this.ensureTable();
    return this.bindings.get(PARTITION, id.toLowerCase());
  }

  async create(binding: RoleBinding): Promise<Stored<RoleBinding>> {
    await this.ensureTable();
    return this.bindings.create(PARTITION, binding.id.toLowerCase(), binding);
  }

  async replace(binding: RoleBinding, etag: string): Promise<Stored<RoleBinding>> {
    return this.bindings.replace(PARTITION, binding.id.toLowerCase(), binding, etag);
  }

  async delete(id: string, etag: string): Promise<void> {
    await this.bindings.delete(PARTITION, id.toLowerCase(), etag);
  }
}
