import type { MemberFacts, PoolFacts } from '../../../shared/domain/updateRuns';
import { region2026 } from '../upgrades/support/versions';

export const NOW = '2026-12-06T12:00:00Z';

export function poolOf(overrides: Partial<PoolFacts> = {}): PoolFacts {
  return {
    name: 'system',
    mode: 'System',
    count: 3,
    vmSize: 'Standard_D4s_v5',
    powerState: 'Running',
    currentOrchestratorVersion: '1.33.5',
    latestNodeImageVersion: { checked: true, value: 'AKSUbuntu-2204gen2containerd-202612.01.0' },
    nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0',
    vCpusPerNode: 4,
    quotaFamily: 'standardDSv5Family',
    ...overrides,
  };
}

/** A healthy member on 1.33.5 in the 2026 region, with plenty of quota, no window, no deprecated API use and no PDB. */
export function factsOf(overrides: Partial<MemberFacts> = {}): MemberFacts {
  const pools = overrides.pools ?? [poolOf()];
  return {
    clusterId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1',
    name: 'c1',
    location: 'eastus',
    provisioningState: 'Succeeded',
    powerState: 'Running',
    versions: {
      controlPlane: '1.33.5',
      nodePools: Object.fromEntries(pools.map((pool) => [pool.name, pool.currentOrchestratorVersion])),
      supportPlan: 'KubernetesOfficial',
      autoUpgradeChannel: 'none',
    },
    pools,
    podsTakeSubnetIps: false,
    versionCatalogue: { checked: true, value: region2026 },
    maintenanceWindow: { checked: true, value: null },
    deprecatedApiUse: { checked: true, value: [] },
    freeVcpus: { checked: true, value: [{ name: 'cores', free: 100 }, { name: 'standardDSv5Family', free: 100 }] },
    podDisruptionBudgets: { checked: true, value: [] },
    ...overrides,
  };
}
