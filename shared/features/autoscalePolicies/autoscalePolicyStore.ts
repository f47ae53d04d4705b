import { odata, type TableClient } from '@azure/data-tables';
import { poolKeyOf, type AutoscalePolicy, type NamedFleetPolicy } from '../../domain/autoscale/policy';
import { requireIfMatch } from '../../domain/preconditions';
import { ensureTableOnce } from '../../platform/storage/ensureTable';
import { TableRepository, type Stored } from '../../platform/storage/tableRepository';
import {
  fleetPolicyRecordSchema,
  poolPolicyRecordSchema,
  type FleetPolicyRecord,
  type PoolPolicyRecord,
} from './policyRecords';

const POOL_PARTITION = 'pool';
const FLEET_PARTITION = 'fleet';

/** Table keys may not hold `/`; the pool key is the cluster id and pool name, lower-cased. */
function poolRowKey(pool: { clusterResourceId: string; poolName: string }): string {
  return encodeURIComponent(poolKeyOf(pool));
}

export interface PoolAddress {
  clusterResourceId: string;
  poolName: string;
}

/**
 * Pool and fleet-wide autoscale policies in one table (a partition each). Writes are conditional: an
 * `If-Match` names the version the caller read, and a write without one still cannot overwrite a version
 * stored between its read and its write. The `enabled` column lets "is any policy on?" be one small query.
 */
export class AutoscalePolicyStore {
  private readonly pools: TableRepository<PoolPolicyRecord>;

  private readonly fleet: TableRepository<FleetPolicyRecord>;

  private readonly ensureTable: () => Promise<void>;

  constructor(table: TableClient) {
    this.ensureTable = ensureTableOnce(table);
    const enabledColumn = (record: { policy: { enabled: boolean } }) => ({ enabled: record.policy.enabled });
    this.pools = new TableRepository(table, { entityName: 'Autoscale policy', schema: poolPolicyRecordSchema, columns: enabledColumn });
    this.fleet = new TableRepository(table, { entityName: 'Fleet autoscale policy', schema: fleetPolicyRecordSchema, columns: enabledColumn });
  }

  async getPoolPolicy(pool: PoolAddress): Promise<Stored<PoolPolicyRecord> | undefined> {
    await this.ensureTable();
    return this.pools.get(POOL_PARTITION, poolRowKey(pool));
  }

  /** Creates or replaces; `created` says which. */
  async putPoolPolicy(record: PoolPolicyRecord, ifMatch: string | undefined): Promise<{ stored: Stored<PoolPolicyRecord>; created: boolean }> {
    await this.ensureTable();
    const rowKey = poolRowKey(record);
    const existing = await this.pools.get(POOL_PARTITION, rowKey);
    requireIfMatch(ifMatch, existing?.etag, `The autoscale policy of pool "${record.poolName}"`);
    if (existing === undefined) return { stored: await this.pools.create(POOL_PARTITION, rowKey, record), created: true };
    return { stored: await this.pools.replace(POOL_PARTITION, rowKey, record, existing.etag), created: false };
  }

  /** Deletes; false when there was none. */
  async deletePoolPolicy(pool: PoolAddress, ifMatch: string | undefined): Promise<boolean> {
    await this.ensureTable();
    const rowKey = poolRowKey(pool);
    const existing = await this.pools.get(POOL_PARTITION, rowKey);
    if (existing === undefined) return false;
    requireIfMatch(ifMatch, existing.etag, `The autoscale policy of pool "${pool.poolName}"`);
    await this.pools.delete(POOL_PARTITION, rowKey, existing.etag);
    return true;
  }

  async getFleetPolicy(name: string): Promise<Stored<FleetPolicyRecord> | undefined> {
    await this.ensureTable();
    return this.fleet.get(FLEET_PARTITION, name);
  }

  async putFleetPolicy(record: FleetPolicyRecord, ifMatch: string | undefined): Promise<{ stored: Stored<FleetPolicyRecord>; created: boolean }> {
    await this.ensureTable();
    const existing = await this.fleet.get(FLEET_PARTITION, record.name);
    requireIfMatch(ifMatch, existing?.etag, `Fleet autoscale policy "${record.name}"`);
    if (existing === undefined) return { stored: await this.fleet.create(FLEET_PARTITION, record.name, record), created: true };
    return { stored: await this.fleet.replace(FLEET_PARTITION, record.name, record, existing.etag), created: false };
  }

  async deleteFleetPolicy(name: string, ifMatch: string | undefined): Promise<boolean> {
    await this.ensureTable();
    const existing = await this.fleet.get(FLEET_PARTITION, name);
    if (existing === undefined) return false;
    requireIfMatch(ifMatch, existing.etag, `Fleet autoscale policy "${name}"`);
    await this.fleet.delete(FLEET_PARTITION, name, existing.etag);
    return true;
  }

  async listFleetPolicies(): Promise<Stored<FleetPolicyRecord>[]> {
    await this.ensureTable();
    const found: Stored<FleetPolicyRecord>[] = [];
    for await (const row of this.fleet.all(odata`PartitionKey eq ${FLEET_PARTITION}`)) found.push(row);
    return found.sort((a, b) => (a.value.name < b.value.name ? -1 : a.value.name > b.value.name ? 1 : 0));
  }

  /** Every pool policy by `poolKeyOf`, and every fleet-wide policy: what one cycle selects from. */
  async snapshot(): Promise<{ poolPolicies: Map<string, AutoscalePolicy>; fleetPolicies: NamedFleetPolicy[] }> {
    await this.ensureTable();
    const poolPolicies = new Map<string, AutoscalePolicy>();
    for await (const row of this.pools.all(odata`PartitionKey eq ${POOL_PARTITION}`)) {
      poolPolicies.set(poolKeyOf(row.value), row.value.policy);
    }
    const fleetPolicies = (await this.listFleetPolicies()).map((row) => ({ name: row.value.name, policy: row.value.policy }));
    return { poolPolicies, fleetPolicies };
  }

  /** Whether any policy, pool or fleet-wide, is enabled: stops at the first enabled row found. */
  async anyEnabled(): Promise<boolean> {
    await this.ensureTable();
    for await (const _row of this.pools.all(odata`PartitionKey eq ${POOL_PARTITION} and enabled eq ${true}`)) return true;
    for await (const _row of this.fleet.all(odata`PartitionKey eq ${FLEET_PARTITION} and enabled eq ${true}`)) return true;
    return false;
  }
}
