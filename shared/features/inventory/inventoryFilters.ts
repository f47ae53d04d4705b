import { odata } from '@azure/data-tables';
import type { SupportStatus } from '../../domain/fleet/versionRadar';
import { DAYS_TO_END_OF_SUPPORT_COLUMN, minorOfText, tagColumnName } from './inventoryColumns';
import { normalizeLocation } from './inventoryMapping';

export interface TagFilter {
  key: string;
  /** Absent: the cluster has the tag with any value. */
  value?: string;
}

export interface InventoryFilters {
  subscriptionId?: string;
  resourceGroup?: string;
  location?: string;
  /** `1.35` matches every patch of the minor; `1.35.3` matches exactly. */
  kubernetesVersion?: string;
  provisioningState?: string;
  tag?: TagFilter;
  supportStatus?: SupportStatus;
  /** Rows whose `daysToEndOfSupport` (counted at their sync) is known and at most this; passed ones included. */
  supportEndsWithinDays?: number;
}

/** Where the caller may see clusters, when not everywhere the filters reach. */
export interface VisibleScope {
  subscriptionId: string;
  resourceGroup?: string;
  clusterName?: string;
}

/** `key:value` (split at the first colon) or just `key`. */
export function parseTagFilter(text: string): TagFilter {
  const colon = text.indexOf(':');
  return colon < 0 ? { key: text } : { key: text.slice(0, colon), value: text.slice(colon + 1) };
}

/** The OData filter of the query over the inventory's indexed columns; empty when nothing narrows it. */
export function inventoryFilterOData(filters: InventoryFilters, visible?: readonly VisibleScope[]): string {
  const parts: string[] = [];
  if (filters.subscriptionId) parts.push(odata`PartitionKey eq ${filters.subscriptionId.toLowerCase()}`);
  if (filters.resourceGroup) parts.push(odata`resourceGroupKey eq ${filters.resourceGroup.toLowerCase()}`);
  if (filters.location) parts.push(odata`location eq ${normalizeLocation(filters.location)}`);
  if (filters.kubernetesVersion) parts.push(versionClause(filters.kubernetesVersion));
  if (filters.provisioningState)
    parts.push(odata`provisioningState eq ${filters.provisioningState.toLowerCase()}`);
  if (filters.supportStatus) parts.push(odata`supportStatus eq ${filters.supportStatus}`);
  if (filters.supportEndsWithinDays !== undefined) parts.push(supportEndsClause(filters.supportEndsWithinDays));
  if (filters.tag) parts.push(tagClause(filters.tag));
  if (visible) parts.push(visibilityClause(visible));
  return parts.join(' and ');
}

function versionClause(version: string): string {
  const trimmed = version.trim().replace(/^v/, '');
  return trimmed.split('.').length === 2
    ? odata`kubernetesMinor eq ${minorOfText(trimmed)}`
    : odata`kubernetesVersion eq ${trimmed}`;
}

/** A row without a known end of support has no such column, so it never matches. */
function supportEndsClause(days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`supportEndsWithinDays must be an integer, not ${days}`);
  return `${DAYS_TO_END_OF_SUPPORT_COLUMN} le ${days}`;
}

function tagClause(tag: TagFilter): string {
  const column = tagColumnName(tag.key);
  // A row without the tag has no such column, and every comparison with a missing column is false.
  return tag.value === undefined ? `${column} ge ''` : `${column} eq ${quoted(tag.value)}`;
}

/** An OData string literal (the column name above is not user text, so only the value needs quoting). */
function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function visibilityClause(visible: readonly VisibleScope[]): string {
  if (visible.length === 0) return `PartitionKey eq ''`;
  const alternatives = visible.map((scope) => {
    const parts = [odata`PartitionKey eq ${scope.subscriptionId.toLowerCase()}`];
    if (scope.resourceGroup) parts.push(odata`resourceGroupKey eq ${scope.resourceGroup.toLowerCase()}`);
    if (scope.clusterName) parts.push(odata`nameKey eq ${scope.clusterName.toLowerCase()}`);
    return `(${parts.join(' and ')})`;
  });
  return `(${alternatives.join(' or ')})`;
}

/** The narrowest access scope the filters pin down: resource group, subscription, or the tenant. */
export function filterScopeOf(filters: Pick<InventoryFilters, 'subscriptionId' | 'resourceGroup'>): string {
  if (!filters.subscriptionId) return 'tenant';
  const subscription = `/subscriptions/${filters.subscriptionId.toLowerCase()}`;
  return filters.resourceGroup ? `${subscription}/resourceGroups/${filters.resourceGroup}` : subscription;
}

/** The filters of an inventory-style query string (`subscription`, `resourceGroup`, `location`, …). */
export interface InventoryFilterQuery {
  subscription?: string | undefined;
  resourceGroup?: string | undefined;
  location?: string | undefined;
  kubernetesVersion?: string | undefined;
  provisioningState?: string | undefined;
  tag?: string | undefined;
  supportStatus?: InventoryFilters['supportStatus'];
  supportEndsWithinDays?: number | undefined;
}

export function inventoryFiltersOf(query: InventoryFilterQuery): InventoryFilters {
  return {
    ...(query.subscription ? { subscriptionId: query.subscription.toLowerCase() } : {}),
    ...(query.resourceGroup ? { resourceGroup: query.resourceGroup } : {}),
    ...(query.location ? { location: query.location } : {}),
    ...(query.kubernetesVersion ? { kubernetesVersion: query.kubernetesVersion } : {}),
    ...(query.provisioningState ? { provisioningState: query.provisioningState } : {}),
    ...(query.tag ? { tag: parseTagFilter(query.tag) } : {}),
    ...(query.supportStatus ? { supportStatus: query.supportStatus } : {}),
    ...(query.supportEndsWithinDays === undefined ? {} : { supportEndsWithinDays: query.supportEndsWithinDays }),
  };
}
