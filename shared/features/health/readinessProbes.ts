import type { ReadinessReport } from './health.api';
import { fleetSubscriptions } from '../../platform/settings/settings';
import type { ArmClients } from '../../platform/arm/armClients';
import type { Settings } from '../../platform/settings/settings';
import type { StorageAccount } from '../../platform/storage/storageAccount';
import { checkReadiness, type ReadinessProbe } from './readiness';

/** What readiness probes: the storage account and ARM (built on first use: health must not load the ARM SDK early). */
export interface ReadinessDependencies {
  settings: Settings;
  storage: StorageAccount;
  arm: () => ArmClients;
}

/** Probes storage and ARM (or the emulator) once, in parallel, each bounded by the health timeout. */
export async function probeReadiness(deps: ReadinessDependencies, now: () => Date): Promise<ReadinessReport> {
  const { settings } = deps;
  const checks = await checkReadiness([storageProbe(deps), armProbe(deps)], settings.FLEETPLANE_HEALTH_TIMEOUT_MS);
  const ready = Object.values(checks).every((check) => check.status !== 'failed');
  return { status: ready ? 'ready' : 'notReady', checkedAt: now().toISOString(), mode: settings.FLEETPLANE_MODE, checks };
}

function storageProbe({ storage }: ReadinessDependencies): ReadinessProbe {
  return {
    name: 'storage',
    run: async (abortSignal) => {
      await storage.tableService().getProperties({ abortSignal });
    },
  };
}

function armProbe({ settings, arm }: ReadinessDependencies): ReadinessProbe {
  const [subscription] = fleetSubscriptions(settings);
  const target = settings.FLEETPLANE_ARM_ENDPOINT;
  if (!subscription) return { name: 'azureResourceManager', target };
  return {
    name: 'azureResourceManager',
    target,
    run: async (abortSignal) => {
      await arm().containerService(subscription).managedClusters.listKubernetesVersions(settings.FLEETPLANE_HEALTH_LOCATION, {
        abortSignal,
      });
    },
  };
}
