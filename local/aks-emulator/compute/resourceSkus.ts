import { VM_SIZES, type VmSize } from '../catalogue/vmSizes';
import { REGION_ZONES, restrictionsOf, type SkuRestriction } from './skuRestrictions';

/** Regions listed when the caller gives no location filter (any region name works with a filter, as for clusters). */
export const LISTED_REGIONS = ['eastus', 'eastus2', 'westus2', 'westus3', 'centralus', 'northeurope', 'westeurope', 'uksouth'] as const;

/** One `virtualMachines` entry of `GET /subscriptions/{s}/providers/Microsoft.Compute/skus`, as Compute renders it. */
export function renderVmSku(size: VmSize, location: string): Record<string, unknown> {
  const restrictions = restrictionsOf(size.name, location);
  return {
    resourceType: 'virtualMachines',
    name: size.name,
    tier: 'Standard',
    size: size.name.replace(/^Standard_/, ''),
    family: size.family,
    locations: [location],
    locationInfo: [{ location, zones: [...REGION_ZONES], zoneDetails: [] }],
    capabilities: [
      { name: 'vCPUs', value: String(size.vCpus) },
      { name: 'vCPUsAvailable', value: String(size.vCpus) },
      { name: 'MemoryGB', value: String(size.memoryGb) },
      { name: 'PremiumIO', value: 'True' },
    ],
    restrictions: restrictions.map((restriction) => renderRestriction(restriction, location)),
  };
}

function renderRestriction(restriction: SkuRestriction, location: string): Record<string, unknown> {
  if (restriction.type === 'Location') {
    return { type: 'Location', values: [location], restrictionInfo: { locations: [location] }, reasonCode: restriction.reasonCode };
  }
  return {
    type: 'Zone',
    values: [location],
    restrictionInfo: { locations: [location], zones: [...(restriction.zones ?? [])] },
    reasonCode: restriction.reasonCode,
  };
}

/** `location eq 'x'` is the only filter Compute supports; undefined lists every region. */
export function locationOfFilter(filter: string | null): string | undefined | Error {
  if (filter === null || filter.trim() === '') return undefined;
  const match = /^\s*location\s+eq\s+'([a-z0-9]+)'\s*$/i.exec(filter);
  return match ? match[1]!.toLowerCase() : new Error(`The filter '${filter}' is not supported. Only "location eq '<location>'" is supported.`);
}

export function vmSkusOf(location: string | undefined): Record<string, unknown>[] {
  const regions = location === undefined ? LISTED_REGIONS : [location];
  return regions.flatMap((region) => VM_SIZES.map((size) => renderVmSku(size, region)));
}
