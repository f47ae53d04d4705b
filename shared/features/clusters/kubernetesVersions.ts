import type { KubernetesVersionsView } from './clusters.api';
import { fleetSubscriptions, type Settings } from '../../platform/settings/settings';
import { ValidationError } from '../../domain/errors';
import type { ClusterDependencies } from './clusterDependencies';
import type { ReadContext } from '../../platform/http/requestContext';

/** The subscription to ask ARM with: the one named, else the fleet's first. */
export function catalogueSubscription(settings: Settings, requested: string | undefined): string {
  const subscriptionId = requested ?? fleetSubscriptions(settings)[0];
  if (!subscriptionId) {
    throw new ValidationError('No subscription to ask Azure with.', [
      { path: 'subscriptionId', code: 'required', message: 'pass ?subscriptionId= (no fleet subscription is configured)' },
    ]);
  }
  return subscriptionId.toLowerCase();
}

/** `GET /api/locations/{l}/kubernetesVersions` (Reader on the subscription). */
export async function listKubernetesVersions(
  deps: ClusterDependencies,
  context: ReadContext,
  subscriptionId: string,
  location: string,
): Promise<KubernetesVersionsView> {
  await context.authorize('clusters', 'list', `/subscriptions/${subscriptionId}`);
  const catalogue = await deps.catalogues.get(subscriptionId, location);
  return {
    location,
    subscriptionId,
    values: (catalogue.values ?? []).map((minor) => ({
      version: minor.version ?? '',
      isDefault: minor.isDefault === true,
      isPreview: minor.isPreview === true,
      supportPlans: [...(minor.capabilities?.supportPlan ?? [])],
      patchVersions: Object.entries(minor.patchVersions ?? {}).map(([version, patch]) => ({ version, upgrades: patch.upgrades ?? [] })),
    })),
  };
}
