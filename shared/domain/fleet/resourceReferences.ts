import type { ClusterPatch, ClusterSpec } from './clusterSpec';

/**
 * An Azure resource a request body points AKS at (a subnet, a workspace, an identity). AKS uses it with
 * Fleetplane's own managed identity, so the caller must be entitled to it: see `features/clusters/referencedResources`.
 */
export interface ResourceReference {
  /** Field path in the body, e.g. `network.subnetId`. */
  readonly path: string;
  readonly id: string;
}

/** Every field of a cluster body that holds an ARM resource id. Node pool bodies hold none (pools use the cluster's subnet). */
export const RESOURCE_REFERENCE_PATHS = [
  'network.subnetId',
  'monitoring.logAnalyticsWorkspaceId',
  'identity.userAssignedIdentityId',
] as const;

/** The ARM ids a cluster PUT body or PATCH body names, with their paths. */
export function resourceReferencesOf(body: ClusterSpec | ClusterPatch): ResourceReference[] {
  const candidates: Array<[string, string | undefined]> = [
    ['network.subnetId', body.network?.subnetId],
    ['monitoring.logAnalyticsWorkspaceId', body.monitoring?.logAnalyticsWorkspaceId],
    ['identity.userAssignedIdentityId', body.identity?.type === 'UserAssigned' ? body.identity.userAssignedIdentityId : undefined],
  ];
  return candidates.flatMap(([path, id]) => (id === undefined ? [] : [{ path, id }]));
}

/** Where a referenced resource lives, lower-cased for comparisons. */
export interface ResourceLocation {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  /** `/subscriptions/{s}/resourceGroups/{rg}`: the narrowest scope Fleetplane's role bindings can name for it. */
  readonly resourceGroupScope: string;
  /** Every segment of the id, lower-cased. */
  readonly segments: readonly string[];
}

const UNSAFE_SEGMENT = /^\.{1,2}$|[%?#\\\s]/;

/**
 * Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}…]`,
 * keywords case-insensitive. Anything else (empty, `.` or `..` segments, encoded characters, a type without
 * a name) is undefined: such an id cannot be attributed to a scope and is refused.
 */
export function locateResource(id: string): ResourceLocation | undefined {
  if (!id.startsWith('/')) return undefined;
  const segments = id.slice(1).split('/');
  if (segments.some((segment) => segment === '' || UNSAFE_SEGMENT.test(segment))) return undefined;
  const [subscriptions, subscriptionId, resourceGroups, resourceGroup, providers, namespace, ...typesAndNames] = segments;
  if (subscriptions?.toLowerCase() !== 'subscriptions' || resourceGroups?.toLowerCase() !== 'resourcegroups') return undefined;
  if (providers?.toLowerCase() !== 'providers' || namespace === undefined) return undefined;
  if (typesAndNames.length === 0 || typesAndNames.length % 2 !== 0) return undefined;
  if (subscriptionId === undefined || resourceGroup === undefined) return undefined;
  return {
    subscriptionId: subscriptionId.toLowerCase(),
    resourceGroup: resourceGroup.toLowerCase(),
    resourceGroupScope: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`,
    segments: segments.map((segment) => segment.toLowerCase()),
  };
}

/** True when a scope (`/subscriptions/{s}` or `…/resourceGroups/{rg}`) is a segment-wise, case-insensitive prefix of the resource. */
export function scopeContainsResource(scope: string, resource: ResourceLocation): boolean {
  const scopeSegments = scope.replace(/^\/+|\/+$/g, '').split('/').map((segment) => segment.toLowerCase());
  if (scopeSegments.length === 0 || scopeSegments.length > resource.segments.length) return false;
  return scopeSegments.every((segment, index) => segment === resource.segments[index]);
}

/** True when the resource lies inside one of the guardrails' shared resource scopes. */
export function isSharedResource(resource: ResourceLocation, sharedScopes: ReadonlyArray<string> | undefined): boolean {
  return (sharedScopes ?? []).some((scope) => scopeContainsResource(scope, resource));
}
