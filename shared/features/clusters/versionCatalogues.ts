import type { ContainerServiceClient, KubernetesVersionListResult } from '@azure/arm-containerservice';
import { callArm } from '../../platform/arm/armCalls';

const TTL_MS = 10 * 60_000;

/** ARM's Kubernetes version list per subscription and region, cached briefly (it changes a few times a month). */
export class VersionCatalogues {
  private readonly cache = new Map<string, { at: number; catalogue: Promise<KubernetesVersionListResult> }>();

  constructor(
    private readonly client: (subscriptionId: string) => ContainerServiceClient,
    private readonly now: () => number = Date.now,
  ) {}

  get(subscriptionId: string, location: string): Promise<KubernetesVersionListResult> {
    const key = `${subscriptionId.toLowerCase()}/${location.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < TTL_MS) return cached.catalogue;
    const catalogue = callArm(
      () => this.client(subscriptionId).managedClusters.listKubernetesVersions(location),
      `Kubernetes versions of ${location}`,
    );
    this.cache.set(key, { at: this.now(), catalogue });
    catalogue.catch(() => this.cache.delete(key));
    return catalogue;
  }
}
