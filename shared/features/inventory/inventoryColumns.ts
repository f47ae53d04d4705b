import { createHash } from 'node:crypto';
import type { IndexedColumns } from '../../platform/storage/tableRepository';
import { normalizeLocation } from './inventoryMapping';
import { runningVersionOf, type InventoryRecord } from './inventoryRecord';

/**
 * The server-side filterable columns of an inventory row. Names and values that ARM treats
 * case-insensitively are stored lower-cased, and queries lower-case their input the same way.
 */
export const ROW_KIND = { cluster: 'cluster', syncState: 'syncState' } as const;

/** A number column (Int32), present only when the radar knows the end of support. */
export const DAYS_TO_END_OF_SUPPORT_COLUMN = 'daysToEndOfSupport';

export function inventoryColumns(record: InventoryRecord): IndexedColumns {
  const running = runningVersionOf(record);
  const columns: IndexedColumns = {
    kind: ROW_KIND.cluster,
    resourceGroupKey: record.resourceGroup.toLowerCase(),
    nameKey: record.name.toLowerCase(),
    location: normalizeLocation(record.location),
    kubernetesVersion: running,
    kubernetesMinor: minorOfText(running),
    provisioningState: (record.provisioningState ?? '').toLowerCase(),
    supportStatus: record.radar.supportStatus,
  };
  if (record.radar.daysToEndOfSupport !== undefined)
    columns[DAYS_TO_END_OF_SUPPORT_COLUMN] = record.radar.daysToEndOfSupport;
  for (const [key, value] of Object.entries(record.tags)) columns[tagColumnName(key)] = value;
  return columns;
}

/**
 * Tag keys are free text and case-insensitive in ARM; a column name must be an identifier, so each key
 * becomes `tag_` and a hash of its lower-cased form.
 */
export function tagColumnName(key: string): string {
  return `tag_${createHash('sha256').update(key.toLowerCase()).digest('hex').slice(0, 32)}`;
}

export function minorOfText(version: string): string {
  const match = /^v?(\d+)\.(\d+)/.exec(version.trim());
  return match ? `${match[1]}.${match[2]}` : '';
}

/** Table row keys forbid `/ \ # ?`; resource group and cluster names never hold `|`. */
export function clusterRowKey(resourceGroup: string, name: string): string {
  return `${resourceGroup.toLowerCase()}|${name.toLowerCase()}`;
}
