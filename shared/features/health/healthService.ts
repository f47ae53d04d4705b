import type { HealthReport } from './health.api';
import { fleetSubscriptions } from '../../platform/settings/settings';
import type { Services } from '../../app';
import { checkReadiness, type ReadinessProbe } from './readiness';

/** Liveness is implied by answering; readiness needs storage and ARM (or the emulator) to answer too. */
export async function healthReport(services: Services): Promise<HealthReport> {
  const { settings } = services;
  const checks = await checkReadiness(
    [storageProbe(services), armProbe(services)],
    settings.FLEETPLANE_HEALTH_TIMEOUT_MS,
  );
  const ready = Object.values(checks).every((check) => check.status !== 'failed');
  return { status: ready ? 'ready' : 'notReady', live: true, mode: settings.FLEETPLANE_MODE, checks };
}

function storageProbe({ storage }: Services): ReadinessProbe {
  return {
    name: 'storage',
    run: async (abortSignal) => {
      await storage.tableService().getProperties({ abortSignal });
    },
  };
}

function armProbe({ settings, arm }: Services): ReadinessProbe {
  const [subscription] = fleetSubscriptions(settings);
  const target = arm.endpoint;
  if (!subscription) return { name: 'azureResourceManager', target };
  return {
    name: 'azureResourceManager',
    target,
    run: async (abortSignal) => {
      await arm.containerService(subscription).managedClusters.listKubernetesVersions(settings.FLEETPLANE_HEALTH_LOCATION, {
        abortSignal,
      });
    },
  };
}
