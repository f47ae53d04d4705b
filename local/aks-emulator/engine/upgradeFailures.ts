/**
 * Upgrade failures injected for one chosen cluster (admin API): the next `count` rolling node-pool upgrades on
 * that cluster fail after their first batch of nodes, with the given ARM error, as a real upgrade that hits a
 * node that does not come back would. Unlike the request-level faults, these follow a cluster, not an operation name.
 */
export interface UpgradeFailure {
  code: string;
  message: string;
  /** How many more pool upgrades on the cluster fail. */
  remaining: number;
}

const DEFAULT_FAILURE = {
  code: 'UpgradeFailed',
  message: 'Node failed to become ready after reimage: the upgrade of the node pool could not complete (injected by the emulator).',
};

export class UpgradeFailures {
  private readonly byCluster = new Map<string, UpgradeFailure>();

  arm(clusterKey: string, failure: Partial<UpgradeFailure> = {}): UpgradeFailure {
    const stored: UpgradeFailure = {
      code: failure.code ?? DEFAULT_FAILURE.code,
      message: failure.message ?? DEFAULT_FAILURE.message,
      remaining: Math.max(1, Math.floor(failure.remaining ?? 1)),
    };
    this.byCluster.set(clusterKey, stored);
    return { ...stored };
  }

  /** Consumes one failure armed for the cluster, if any. */
  take(clusterKey: string): { code: string; message: string } | undefined {
    const failure = this.byCluster.get(clusterKey);
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.byCluster.delete(clusterKey);
    return { code: failure.code, message: failure.message };
  }

  clear(clusterKey?: string): void {
    if (clusterKey === undefined) this.byCluster.clear();
    else this.byCluster.delete(clusterKey);
  }

  list(): Record<string, UpgradeFailure> {
    return Object.fromEntries([...this.byCluster].map(([key, f]) => [key, { ...f }]));
  }
}
