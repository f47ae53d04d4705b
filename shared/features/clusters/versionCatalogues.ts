import type { ContainerServiceClient, KubernetesVersionListResult } from '@azure/arm-containerservice';
import { callArm } from '../../platform/arm/armCalls';
import { KeyedTtlCache } from '../../platform/cache/keyedTtlCache';

const TTL_MS = 10 * 60_000;

/** ARM's Kubernetes version list per subscription and region, cached briefly (it changes a few times a month). */
export class VersionCatalogues {
  private readonly cache: KeyedTtlCache<KubernetesVersionListResult>;

  constructor(
    private readonly client: (subscriptionId: string) => ContainerServiceClient,
    now: () => number = Date.now,
  ) {
    this.cache = new KeyedTtlCache(TTL_MS, now);
  }

  get(subscriptionId: string, location: string): Promise<KubernetesVersionListResult> {
    return this.cache.get(`${subscriptionId.toLowerCase()}/${location.toLowerCase()}`, () =>
      callArm(() => this.client(subscriptionId).managedClusters.listKubernetesVersions(location), `Kubernetes versions of ${location}`),
    );
  }

  /** Forgets every cached catalogue (AKS announced a new version), so the next read asks ARM. */
  invalidate(): void {
    this.cache.forgetPrefix('');
  }
}
