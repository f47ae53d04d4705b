import { healthRank, HEALTH_STATUSES, type HealthStatus } from '../../domain/health';
import type { HttpCall } from '../../platform/http/handleHttp';
import { assessTargets } from './assessTargets';
import type { FleetHealthQuery, FleetHealthView } from './clusterHealth.api';
import type { ClusterHealthDependencies } from './clusterHealthDependencies';
import { targetOfRecord } from './healthTarget';
import { healthWindowOf } from './healthWindow';

/**
 * `GET /api/fleetHealth`: the clusters the caller may see come from the inventory snapshot (no ARM call), their
 * metrics and logs from batches; worst first, then by id.
 */
export async function readFleetHealth(
  deps: ClusterHealthDependencies,
  call: Pick<HttpCall<unknown, unknown, unknown>, 'caller' | 'enforce'>,
  query: FleetHealthQuery,
): Promise<FleetHealthView> {
  const { window: windowName, until, status, ...filters } = query;
  const window = healthWindowOf({ window: windowName, until }, deps.now());
  const { clusters, ...snapshot } = await deps.visibleClusters(call, filters);
  const views = await assessTargets(deps, clusters.map(targetOfRecord), window);
  const counts = Object.fromEntries(HEALTH_STATUSES.map((name) => [name, views.filter((view) => view.status === name).length])) as Record<HealthStatus, number>;
  const value = views
    .filter((view) => status === undefined || view.status === status)
    .sort((a, b) => healthRank(b.status) - healthRank(a.status) || a.id.localeCompare(b.id));
  return { value, counts, window: { start: window.start.toISOString(), end: window.end.toISOString() }, ...snapshot };
}
