import type { ComputeManagementClient } from '@azure/arm-compute';
import { callArm } from '../../platform/arm/armCalls';
import { KeyedTtlCache } from '../../platform/cache/keyedTtlCache';
import { regionVmSkus, vcpuQuotas, type RegionCapacity } from '../../domain/fleet/regionCapacity';

/** Compute's SKU list takes seconds in Azure and changes rarely; usages move, but a few minutes of lag only delays a refusal to ARM. */
const TTL_MS = 5 * 60_000;

async function listAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * The VM sizes and vCPU quotas of a region per subscription, cached per process for a few minutes. Each
 * instance of a scaled-out app keeps its own copy: they are read-only facts about Azure, so copies can only
 * disagree by the TTL, and a stale "enough quota" still ends in ARM's own refusal. A write this process sends
 * forgets its subscription's entries, so its own next preflight sees the usage it caused.
 */
export class RegionCapacities {
  private readonly cache: KeyedTtlCache<RegionCapacity>;

  constructor(
    private readonly client: (subscriptionId: string) => ComputeManagementClient,
    now: () => number = Date.now,
  ) {
    this.cache = new KeyedTtlCache(TTL_MS, now);
  }

  get(subscriptionId: string, location: string): Promise<RegionCapacity> {
    const region = location.toLowerCase();
    return this.cache.get(`${subscriptionId.toLowerCase()}/${region}`, () => this.read(subscriptionId, region));
  }

  /** Drops what is cached for the subscription (every region), e.g. after this process changed its node count. */
  forgetSubscription(subscriptionId: string): void {
    this.cache.forgetPrefix(`${subscriptionId.toLowerCase()}/`);
  }

  private async read(subscriptionId: string, location: string): Promise<RegionCapacity> {
    const compute = this.client(subscriptionId);
    const [skus, usages] = await Promise.all([
      callArm(() => listAll(compute.resourceSkus.list({ filter: `location eq '${location}'` })), `VM sizes of ${location}`),
      callArm(() => listAll(compute.usage.list(location)), `vCPU quotas of ${location}`),
    ]);
    return { location, skus: regionVmSkus(skus, location), quotas: vcpuQuotas(usages) };
  }
}
