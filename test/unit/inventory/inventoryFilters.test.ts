import { describe, expect, it } from 'vitest';
import { inventoryColumns, tagColumnName } from '../../../shared/features/inventory/inventoryColumns';
import type { InventoryRecord } from '../../../shared/features/inventory/inventoryRecord';
import {
  filterScopeOf,
  inventoryFilterOData,
  parseTagFilter,
} from '../../../shared/features/inventory/inventoryFilters';

const SUB = 'AAAAAAAA-1111-4111-8111-111111111111';

describe('parseTagFilter', () => {
  it('splits at the first colon, or takes the key alone', () => {
    expect(parseTagFilter('env:prod')).toEqual({ key: 'env', value: 'prod' });
    expect(parseTagFilter('url:https://x')).toEqual({ key: 'url', value: 'https://x' });
    expect(parseTagFilter('env:')).toEqual({ key: 'env', value: '' });
    expect(parseTagFilter('env')).toEqual({ key: 'env' });
  });
});

describe('inventoryFilterOData', () => {
  it('is empty without filters', () => {
    expect(inventoryFilterOData({})).toBe('');
  });

  it('lower-cases what ARM compares case-insensitively and normalizes locations', () => {
    expect(
      inventoryFilterOData({
        subscriptionId: SUB,
        resourceGroup: 'RG-One',
        location: 'West Europe',
        provisioningState: 'Succeeded',
      }),
    ).toBe(
      `PartitionKey eq '${SUB.toLowerCase()}' and resourceGroupKey eq 'rg-one' and location eq 'westeurope' and provisioningState eq 'succeeded'`,
    );
  });

  it('matches a minor against every patch and a patch exactly', () => {
    expect(inventoryFilterOData({ kubernetesVersion: '1.35' })).toBe(`kubernetesMinor eq '1.35'`);
    expect(inventoryFilterOData({ kubernetesVersion: 'v1.35.3' })).toBe(`kubernetesVersion eq '1.35.3'`);
  });

  it('filters tags through the hashed column of the lower-cased key, with the value quoted', () => {
    expect(tagColumnName('Owner')).toBe(tagColumnName('owner'));
    expect(tagColumnName('owner')).toMatch(/^tag_[0-9a-f]{32}$/);
    expect(inventoryFilterOData({ tag: { key: 'Owner', value: "o'brien" } })).toBe(
      `${tagColumnName('owner')} eq 'o''brien'`,
    );
    expect(inventoryFilterOData({ tag: { key: 'env' } })).toBe(`${tagColumnName('env')} ge ''`);
  });

  it('escapes quotes so a filter value cannot widen the query', () => {
    const clause = inventoryFilterOData({ resourceGroup: "x' or PartitionKey ne '" });
    expect(clause).toBe(`resourceGroupKey eq 'x'' or partitionkey ne '''`);
  });

  it('ands the visible scopes as alternatives, and an empty list matches nothing', () => {
    expect(
      inventoryFilterOData({ supportStatus: 'outOfSupport' }, [
        { subscriptionId: SUB },
        { subscriptionId: SUB, resourceGroup: 'RG', clusterName: 'C1' },
      ]),
    ).toBe(
      `supportStatus eq 'outOfSupport' and ((PartitionKey eq '${SUB.toLowerCase()}') or ` +
        `(PartitionKey eq '${SUB.toLowerCase()}' and resourceGroupKey eq 'rg' and nameKey eq 'c1'))`,
    );
    expect(inventoryFilterOData({}, [])).toBe(`PartitionKey eq ''`);
  });
});

describe('the supportEndsWithinDays filter', () => {
  const record = (radar: Partial<InventoryRecord['radar']>): InventoryRecord => ({
    id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1`,
    subscriptionId: SUB.toLowerCase(),
    resourceGroup: 'rg',
    name: 'c1',
    location: 'eastus',
    kubernetesVersion: '1.34.6',
    tags: {},
    nodePools: [],
    radar: { supportStatus: 'supported', availableUpgrades: [], ...radar },
    syncedAt: '2026-11-27T12:00:00.000Z',
  });

  it('compares the days-to-end-of-support column as a number, so passed (negative) ends match too', () => {
    expect(inventoryFilterOData({ supportEndsWithinDays: 30 })).toBe('daysToEndOfSupport le 30');
    expect(inventoryFilterOData({ supportEndsWithinDays: 0 })).toBe('daysToEndOfSupport le 0');
  });

  it('is anded with the other filters', () => {
    expect(inventoryFilterOData({ location: 'eastus', supportEndsWithinDays: 90 })).toBe(
      `location eq 'eastus' and daysToEndOfSupport le 90`,
    );
  });

  it('refuses a value that is not an integer instead of writing it into the query', () => {
    for (const days of [1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => inventoryFilterOData({ supportEndsWithinDays: days })).toThrow(RangeError);
  });

  it('indexes the column only when the radar knows the end of support, so unknown ends never match', () => {
    expect(inventoryColumns(record({ endOfSupport: '2026-11-30', daysToEndOfSupport: 3 }))).toMatchObject({
      daysToEndOfSupport: 3,
    });
    expect(inventoryColumns(record({ endOfSupport: '2026-03-31', daysToEndOfSupport: -241 }))).toMatchObject({
      daysToEndOfSupport: -241,
    });
    expect(inventoryColumns(record({}))).not.toHaveProperty('daysToEndOfSupport');
  });
});

describe('filterScopeOf', () => {
  it('is the narrowest scope the filters pin down', () => {
    expect(filterScopeOf({})).toBe('tenant');
    expect(filterScopeOf({ resourceGroup: 'rg' })).toBe('tenant');
    expect(filterScopeOf({ subscriptionId: SUB })).toBe(`/subscriptions/${SUB.toLowerCase()}`);
    expect(filterScopeOf({ subscriptionId: SUB, resourceGroup: 'Rg' })).toBe(
      `/subscriptions/${SUB.toLowerCase()}/resourceGroups/Rg`,
    );
  });
});
