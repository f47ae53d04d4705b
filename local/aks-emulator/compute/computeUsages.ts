import { VM_SIZES } from '../catalogue/vmSizes';
import type { Fleet } from '../engine/fleet';
import { REGIONAL_VCPU_QUOTA } from '../engine/fleet';

/** `GET /subscriptions/{s}/providers/Microsoft.Compute/locations/{l}/usages`: regional vCPUs, then each VM family. */
export function vcpuUsagesOf(fleet: Fleet, subscriptionId: string, location: string): Record<string, unknown>[] {
  const families = [...new Set(VM_SIZES.map((size) => size.family))].sort();
  return [
    usage(REGIONAL_VCPU_QUOTA, 'Total Regional vCPUs', fleet.regionalVcpuUsage(subscriptionId, location), fleet.quotaLimit(subscriptionId, location, REGIONAL_VCPU_QUOTA)),
    ...families.map((family) =>
      usage(family, `${family} vCPUs`, fleet.vcpuUsage(subscriptionId, location, family), fleet.quotaLimit(subscriptionId, location, family)),
    ),
  ];
}

function usage(name: string, localizedName: string, currentValue: number, limit: number): Record<string, unknown> {
  return { unit: 'Count', currentValue, limit, name: { value: name, localizedValue: localizedName } };
}
