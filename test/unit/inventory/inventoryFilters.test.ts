import { describe, expect, it } from 'vitest';
import { tagColumnName } from '../../../shared/inventory/inventoryColumns';
import {
  filterScopeOf,
  inventoryFilterOData,
  parseTagFilter,
} from '../../../shared/inventory/inventoryFilters';

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
