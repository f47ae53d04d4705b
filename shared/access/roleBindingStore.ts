import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import { ROLES } from '../domain/access/roles';
import type { RoleBinding } from '../domain/access/roleBinding';
import { ensureTableOnce } from '../storage/ensureTable';
import { TableRepository, type Stored } from '../storage/tableRepository';

const PARTITION = 'binding';

const storedBindingSchema = z.object({
  id: z.string(),
  subject: z.object({
    kind: z.enum(['user', 'group', 'servicePrincipal', 'appRole']),
    id: z.string(),
    tenantId: z.string().optional(),
  }),
  role: z.enum(ROLES),
  scope: z.string(),
  createdBy: z.string().optional(),
  createdAt: z.string().optional(),
}) satisfies z.ZodType<RoleBinding>;

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
