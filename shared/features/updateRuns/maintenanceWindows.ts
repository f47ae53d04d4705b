import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { NotFoundError } from '../../domain/errors';
import type { RunUpgradeKind } from '../../domain/updateRuns';
import { callArm } from '../../platform/arm/armCalls';
import { KeyedTtlCache } from '../../platform/cache/keyedTtlCache';
import { clusterTargetOf } from './clusterTarget';

/** The configuration whose window AKS (and Fleet) honour for each kind of run. */
export const MAINTENANCE_CONFIG: Record<RunUpgradeKind, string> = {
  Full: 'aksManagedAutoUpgradeSchedule',
  ControlPlaneOnly: 'aksManagedAutoUpgradeSchedule',
  NodeImageOnly: 'aksManagedNodeOSUpgradeSchedule',
};
const CACHE_MS = 5 * 60_000;

/** A cluster's window for a kind of run, in AKS's wire shape (dates as YYYY-MM-DD), or null when it has none. */
export async function readUpgradeWindow(client: ContainerServiceClient, clusterId: string, upgradeType: RunUpgradeKind): Promise<unknown> {
  const target = clusterTargetOf(clusterId);
  const configName = MAINTENANCE_CONFIG[upgradeType];
  try {
    const config = await callArm(() => client.maintenanceConfigurations.get(target.resourceGroup, target.clusterName, configName), `Maintenance configuration "${configName}"`);
    return config.maintenanceWindow ? wireShapeOf(config.maintenanceWindow) : null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * The engine's reader of members' windows (the preflight reads them once, live). Windows change rarely: read once per
 * cluster and kind per few minutes per process; whether one is open is decided from the run's clock by the pure code.
 */
export class MaintenanceWindowReader {
  private readonly cache = new KeyedTtlCache<unknown>(CACHE_MS);

  constructor(private readonly containerService: (subscriptionId: string) => ContainerServiceClient) {}

  read(clusterId: string, upgradeType: RunUpgradeKind): Promise<unknown> {
    return this.cache.get(`${clusterId.toLowerCase()}|${upgradeType}`, () =>
      readUpgradeWindow(this.containerService(clusterTargetOf(clusterId).subscriptionId), clusterId, upgradeType),
    );
  }
}

/** The SDK turns the window's dates (`startDate`, `notAllowedDates`) into Date objects; the rules read AKS's wire form (YYYY-MM-DD). */
function wireShapeOf(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(wireShapeOf);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, wireShapeOf(v)]));
  }
  return value;
}
