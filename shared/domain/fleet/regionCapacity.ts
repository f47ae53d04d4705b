/**
 * What Compute says about a region for one subscription: its VM sizes (Resource SKUs) and vCPU quotas
 * (usages). The input shapes are structural, so the domain does not depend on the SDK.
 */

/** The parts of a Compute `ResourceSku` the preflight reads. */
export interface ResourceSkuShape {
  readonly resourceType?: string;
  readonly name?: string;
  readonly family?: string;
  readonly locations?: ReadonlyArray<string>;
  readonly locationInfo?: ReadonlyArray<{ readonly location?: string; readonly zones?: ReadonlyArray<string> }>;
  readonly capabilities?: ReadonlyArray<{ readonly name?: string; readonly value?: string }>;
  readonly restrictions?: ReadonlyArray<{
    readonly type?: string;
    readonly values?: ReadonlyArray<string>;
    readonly restrictionInfo?: { readonly locations?: ReadonlyArray<string>; readonly zones?: ReadonlyArray<string> };
    readonly reasonCode?: string;
  }>;
}

/** The parts of a Compute `Usage` the preflight reads. */
export interface UsageShape {
  readonly name?: { readonly value?: string };
  readonly currentValue?: number;
  readonly limit?: number;
}

/** A VM size as offered to the subscription in one region. */
export interface RegionVmSku {
  readonly name: string;
  /** Quota family, e.g. `standardDSv5Family`. */
  readonly family?: string;
  readonly vCpus?: number;
  readonly zones: ReadonlyArray<string>;
  readonly restrictedZones: ReadonlyArray<string>;
  /** Set when the size may not be deployed in the region at all (e.g. `NotAvailableForSubscription`). */
  readonly locationRestriction?: string;
}

export interface VcpuQuota {
  /** `cores` (the regional total) or a VM family. */
  readonly name: string;
  readonly currentValue: number;
  readonly limit: number;
}

export interface RegionCapacity {
  readonly location: string;
  readonly skus: ReadonlyArray<RegionVmSku>;
  readonly quotas: ReadonlyArray<VcpuQuota>;
}

/** Compute's name of the regional vCPU total. */
export const REGIONAL_VCPU_QUOTA = 'cores';

/** The virtual machine sizes of the list that apply to `location`. */
export function regionVmSkus(skus: ReadonlyArray<ResourceSkuShape>, location: string): RegionVmSku[] {
  const region = location.toLowerCase();
  const inRegion = (value: string | undefined) => value?.toLowerCase() === region;
  return skus
    .filter((sku) => sku.resourceType === 'virtualMachines' && sku.name && (sku.locations ?? []).some(inRegion))
    .map((sku) => {
      const restrictions = (sku.restrictions ?? []).filter(
        (restriction) => (restriction.restrictionInfo?.locations ?? restriction.values ?? []).some(inRegion),
      );
      const locationRestriction = restrictions.find((restriction) => restriction.type === 'Location');
      const vCpus = Number((sku.capabilities ?? []).find((capability) => capability.name === 'vCPUs')?.value);
      return {
        name: sku.name!,
        ...(sku.family ? { family: sku.family } : {}),
        ...(Number.isFinite(vCpus) && vCpus > 0 ? { vCpus } : {}),
        zones: (sku.locationInfo ?? []).filter((info) => inRegion(info.location)).flatMap((info) => info.zones ?? []),
        restrictedZones: restrictions
          .filter((restriction) => restriction.type === 'Zone')
          .flatMap((restriction) => restriction.restrictionInfo?.zones ?? []),
        ...(locationRestriction ? { locationRestriction: locationRestriction.reasonCode ?? 'Restricted' } : {}),
      };
    });
}

export function vcpuQuotas(usages: ReadonlyArray<UsageShape>): VcpuQuota[] {
  return usages.flatMap((usage) =>
    usage.name?.value && typeof usage.currentValue === 'number' && typeof usage.limit === 'number'
      ? [{ name: usage.name.value, currentValue: usage.currentValue, limit: usage.limit }]
      : [],
  );
}

export function findRegionVmSku(capacity: RegionCapacity, vmSize: string): RegionVmSku | undefined {
  const wanted = vmSize.toLowerCase();
  return capacity.skus.find((sku) => sku.name.toLowerCase() === wanted);
}

export function findVcpuQuota(capacity: RegionCapacity, name: string): VcpuQuota | undefined {
  const wanted = name.toLowerCase();
  return capacity.quotas.find((quota) => quota.name.toLowerCase() === wanted);
}
