import type { Fleet } from '../engine/fleet';
import type { ClusterState } from '../model';
import { clusterKey } from '../model';
import { METRIC_NAMESPACE } from './metricCatalogue';
import { MetricsRequestError } from './metricsError';

/** The resources of one `metrics:getBatch` call, checked against the batch API's rules. */
export interface BatchTarget {
  resourceId: string;
  clusterKey: string;
  /** Undefined when no such cluster exists (its metrics then have no data). */
  cluster: ClusterState | undefined;
}

export const MAX_BATCH_RESOURCES = 50;

const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)$/i;

/**
 * Up to 50 resource ids (body `{"resourceids": [...]}`), all in the path's subscription, all of the queried resource
 * type and all in one region; with a regional endpoint (`/regions/{region}/…`), in that region.
 */
export function parseBatchTargets(body: unknown, subscriptionId: string, fleet: Fleet, endpointRegion: string | undefined): BatchTarget[] {
  const ids = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['resourceids'] : undefined;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) {
    throw new MetricsRequestError("The request body must have a 'resourceids' list with at least one resource id.");
  }
  if (ids.length > MAX_BATCH_RESOURCES) {
    throw new MetricsRequestError(`The request has ${ids.length} resource ids; at most ${MAX_BATCH_RESOURCES} can be queried in one batch.`);
  }
  const targets = ids.map((id) => target(id, subscriptionId, fleet));
  const regions = [...new Set(targets.flatMap((t) => (t.cluster ? [t.cluster.location.toLowerCase()] : [])))];
  if (regions.length > 1) {
    throw new MetricsRequestError(`All resources of a batch must be in the same region; the request has resources in ${regions.sort().join(', ')}.`);
  }
  if (endpointRegion !== undefined && regions.length === 1 && regions[0] !== endpointRegion.toLowerCase()) {
    throw new MetricsRequestError(`The resources are in region '${regions[0]}', but this endpoint serves region '${endpointRegion}'. Send the batch to the endpoint of the resources' region.`);
  }
  return targets;
}

function target(resourceId: string, subscriptionId: string, fleet: Fleet): BatchTarget {
  const match = RESOURCE_ID.exec(resourceId);
  if (!match) throw new MetricsRequestError(`'${resourceId}' is not a valid resource id.`);
  const [, sub = '', rg = '', provider = '', type = '', name = ''] = match;
  if (sub.toLowerCase() !== subscriptionId.toLowerCase()) {
    throw new MetricsRequestError(`Resource '${resourceId}' is not in subscription '${subscriptionId}'; all resources of a batch must be in the subscription of the request.`);
  }
  if (`${provider}/${type}`.toLowerCase() !== METRIC_NAMESPACE.toLowerCase()) {
    throw new MetricsRequestError(`Resource '${resourceId}' is not of type ${METRIC_NAMESPACE}; all resources of a batch must be of the metric namespace's resource type.`);
  }
  return { resourceId, clusterKey: clusterKey(sub, rg, name), cluster: fleet.findCluster(sub, rg, name) };
}
