import type { TableClient } from '@azure/data-tables';
import { PreconditionFailedError } from '../../domain/errors';
import type { SecretKeyRing } from '../../platform/secrets/secretEnvelope';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import { subscriptionRecordSchema, type SubscriptionRecord } from './webhookSubscription';

const PARTITION = 'subscription';

/**
 * Webhook subscriptions in Table storage; every write is conditional on the version read. Signing secrets are
 * sealed (AES-256-GCM, bound to the subscription id) before they are written and opened when read; rows written
 * before encryption hold them in clear and still read.
 */
export class SubscriptionStore {
  private readonly rows: TableRepository<SubscriptionRecord>;

  private readonly ensureTable: () => Promise<void>;

  constructor(
    table: TableClient,
    private readonly keys: SecretKeyRing,
  ) {
    this.ensureTable = ensureTableOnce(table);
    this.rows = new TableRepository(table, { entityName: 'Webhook subscription', schema: subscriptionRecordSchema });
  }

  /**
   * Every subscription. One whose secrets do not open (its key was removed too early) is listed without them: every
   * emit matches events against this list, and one bad row must not stop the outbox; its deliveries, which read the
   * subscription with `get`, fail and retry until the key is back.
   */
  async all(): Promise<Stored<SubscriptionRecord>[]> {
    await this.ensureTable();
    const found: Stored<SubscriptionRecord>[] = [];
    for await (const row of this.rows.all()) found.push(this.openedOrWithoutSecrets(row));
    return found;
  }

  async get(id: string): Promise<Stored<SubscriptionRecord> | undefined> {
    await this.ensureTable();
    const row = await this.rows.get(PARTITION, id.toLowerCase());
    return row && this.opened(row);
  }

  async create(record: SubscriptionRecord): Promise<Stored<SubscriptionRecord>> {
    await this.ensureTable();
    return this.withValue(await this.rows.create(PARTITION, record.id.toLowerCase(), this.sealed(record)), record);
  }

  async replace(record: SubscriptionRecord, etag: string): Promise<Stored<SubscriptionRecord>> {
    return this.withValue(await this.rows.replace(PARTITION, record.id.toLowerCase(), this.sealed(record), etag), record);
  }

  /** Read-modify-write with retries on concurrent writers (`change` returns undefined to leave it). */
  async update(id: string, change: (current: SubscriptionRecord) => SubscriptionRecord | undefined): Promise<Stored<SubscriptionRecord>> {
    let changed: SubscriptionRecord | undefined;
    const stored = await this.rows.update(PARTITION, id.toLowerCase(), (current) => {
      changed = change(this.openedRecord(current));
      return changed && this.sealed(changed);
    });
    return changed ? this.withValue(stored, changed) : this.opened(stored);
  }

  async delete(id: string, etag: string): Promise<void> {
    await this.rows.delete(PARTITION, id.toLowerCase(), etag);
  }

  /**
   * Re-seals, with the current key, every subscription whose secrets are in clear or under an older key (the
   * migration after enabling encryption or rotating the key). Conditional: a row written meanwhile is sealed already.
   */
  async resealStale(): Promise<number> {
    await this.ensureTable();
    let resealed = 0;
    for await (const row of this.rows.all()) {
      if (row.value.secrets.every((secret) => this.keys.isCurrent(secret.secret))) continue;
      try {
        await this.rows.replace(PARTITION, row.rowKey, this.sealed(this.openedRecord(row.value)), row.etag);
        resealed += 1;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    return resealed;
  }

  private sealed(record: SubscriptionRecord): SubscriptionRecord {
    const context = contextOf(record.id);
    return { ...record, secrets: record.secrets.map((secret) => ({ ...secret, secret: this.keys.seal(secret.secret, context) })) };
  }

  private openedRecord(record: SubscriptionRecord): SubscriptionRecord {
    const context = contextOf(record.id);
    return { ...record, secrets: record.secrets.map((secret) => ({ ...secret, secret: this.keys.open(secret.secret, context) })) };
  }

  private openedOrWithoutSecrets(row: Stored<SubscriptionRecord>): Stored<SubscriptionRecord> {
    try {
      return this.opened(row);
    } catch {
      return { ...row, value: { ...row.value, secrets: [] } };
    }
  }

  private opened(row: Stored<SubscriptionRecord>): Stored<SubscriptionRecord> {
    return { ...row, value: this.openedRecord(row.value) };
  }

  private withValue(row: Stored<SubscriptionRecord>, value: SubscriptionRecord): Stored<SubscriptionRecord> {
    return { ...row, value };
  }
}

/** Authenticated data of a subscription's secrets: a sealed secret copied to another subscription does not open. */
function contextOf(subscriptionId: string): string {
  return `webhook-subscription:${subscriptionId.toLowerCase()}`;
}
