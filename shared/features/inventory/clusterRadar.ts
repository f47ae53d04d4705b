import type { VersionCatalogue } from '../../domain/fleet/versionCatalogue';
import { versionRadarEntry } from '../../domain/fleet/versionRadar';
import type { InventoryRadar } from './inventoryRecord';

export interface RadarPolicy {
  /** The evaluation date (ISO), so days to end of support are counted from the sync. */
  today: string;
  /** End of community support per minor (`{"1.33": "2026-07-31"}`), when a source for it is configured. */
  endOfSupport?: Readonly<Record<string, string>>;
  endOfLongTermSupport?: Readonly<Record<string, string>>;
}

/**
 * The one place the inventory meets the version radar of shared/domain/fleet: the radar line of a cluster
 * in the inventory's stored shape. Without a catalogue for the cluster's location, its status is unknown.
 */
export function clusterRadar(
  runningVersion: string,
  catalogue: VersionCatalogue | undefined,
  supportPlan: string | undefined,
  policy: RadarPolicy,
): InventoryRadar {
  if (!catalogue || runningVersion === '') return { supportStatus: 'unknown', availableUpgrades: [] };
  const entry = versionRadarEntry(runningVersion, catalogue, {
    today: policy.today,
    ...(policy.endOfSupport ? { endOfSupport: policy.endOfSupport } : {}),
    ...(policy.endOfLongTermSupport ? { endOfLongTermSupport: policy.endOfLongTermSupport } : {}),
    ...(supportPlan ? { supportPlan } : {}),
  });
  const { support } = entry;
  return {
    supportStatus: support.status,
    availableUpgrades: entry.availableUpgrades.map((upgrade) => ({
      version: upgrade.version,
      isPreview: upgrade.isPreview,
    })),
    ...(support.minorsBehindLatest === undefined ? {} : { minorsBehindLatest: support.minorsBehindLatest }),
    ...(support.latestGaMinor === undefined ? {} : { latestGaMinor: support.latestGaMinor }),
    ...(support.endOfSupport === undefined ? {} : { endOfSupport: support.endOfSupport }),
    ...(support.daysToEndOfSupport === undefined ? {} : { daysToEndOfSupport: support.daysToEndOfSupport }),
  };
}
