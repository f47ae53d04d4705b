import type { TableClient } from '@azure/data-tables';

/**
 * Creates the table on first use, once per process. The SDK treats "already exists" as success; any other
 * failure is not remembered, so the next call tries again.
 */
export function ensureTableOnce(table: TableClient): () => Promise<void> {
  let created: Promise<void> | undefined;
  return () => {
    created ??= table.createTable().catch((error: unknown) => {
      created = undefined;
      throw error;
    });
    return created;
  };
}
