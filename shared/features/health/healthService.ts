import type { HealthReport } from './health.api';
import { fleetSubscriptions } from '../../platform/settings/settings';
import type { ArmClients } from '../../platform/arm/armClients';
import type { Settings } from '../../platform/settings/settings';
import type { StorageAccount } from '../../platform/storage/storageAccount';
import { checkReadiness, type ReadinessProbe } from './readiness';

/** What readiness probes: the storage account and ARM (built on first use: health must not load the ARM SDK early). */
export interface HealthDependencies {
  settings: Settings;
  storage: StorageAccount;
  arm: () => ArmClients;
}

/** Liveness is implied by answering; readiness needs storage and ARM (or the emulator) to answer too. */
export async function healthReport(services: HealthDependencies): Promise<HealthReport> {
  const { settings } = services;
  const checks = await checkReadiness(
    [storageProbe(services), armProbe(services)],
    settings.FLEETPLANE_HEALTH_TIMEOUT_MS,
  );
  const ready = Object.values(checks).every((check) => check.status !== 'failed');
  return { status: ready ? 'ready' : 'notReady', live: true, mode: settings.FLEETPLANE_MODE, checks };
}

function storageProbe({ storage }: HealthDependencies): ReadinessProbe {
  return {
    name: 'storage',
    run: async (abortSignal) => {
      await storage.tableService().getProperties({ abortSignal });
    },
  };
}

function armProbe({ settings, arm }: HealthDependencies): ReadinessProbe {
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
