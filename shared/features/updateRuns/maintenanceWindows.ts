import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { KeyedTtlCache } from '../../platform/cache/keyedTtlCache';
import { clusterTargetOf } from './clusterTarget';

/** The configuration whose window AKS (and Fleet) upgrade runs honour. */
export const UPGRADE_SCHEDULE_CONFIGURATION = 'aksManagedAutoUpgradeSchedule';
const CACHE_MS = 5 * 60_000;

/**
 * A member's upgrade window as AKS stores it (its maintenanceConfigurations, read through the SDK), or null when it
 * has none. Windows change rarely: read once per cluster per few minutes per process; whether one is open is
 * decided from the run's clock by the pure code.
 */
export class MaintenanceWindowReader {
  private readonly cache = new KeyedTtlCache<unknown>(CACHE_MS);

  constructor(private readonly containerService: (subscriptionId: string) => ContainerServiceClient) {}

  read(clusterId: string): Promise<unknown> {
    return this.cache.get(clusterId.toLowerCase(), async () => {
      const target = clusterTargetOf(clusterId);
      const client = this.containerService(target.subscriptionId);
      for await (const configuration of client.maintenanceConfigurations.listByManagedCluster(target.resourceGroup, target.clusterName)) {
        if (configuration.name?.toLowerCase() === UPGRADE_SCHEDULE_CONFIGURATION.toLowerCase()) return configuration.maintenanceWindow ? wireShapeOf(configuration.maintenanceWindow) : null;
      }
      return null;
    });
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
