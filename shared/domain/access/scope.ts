import { InvalidScopeError } from './errors';

export type ScopeLevel = 'tenant' | 'subscription' | 'resourceGroup' | 'cluster' | 'namespace';

/**
 * A parsed scope. `id` is the canonical spelling (canonical keyword casing, lower-case
 * subscription id and namespace, other names as given); `key` holds the lower-cased names
 * and is what comparisons use, so matching is case-insensitive and segment-wise.
 */
export interface Scope {
  readonly level: ScopeLevel;
  readonly id: string;
  readonly key: readonly string[];
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  readonly clusterName?: string;
  readonly namespace?: string;
}

export const TENANT_SCOPE_ID = 'tenant';
export const TENANT_SCOPE: Scope = { level: 'tenant', id: TENANT_SCOPE_ID, key: [] };

const MAX_SCOPE_LENGTH = 1024;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\p{L}\p{N}_.()]{1,90}$/u;
const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/i;

/** Keyword segments at their positions in the id, with their canonical spelling. */
const KEYWORDS: Readonly<Record<number, string>> = {
  0: 'subscriptions',
  2: 'resourceGroups',
  4: 'providers',
  5: 'Microsoft.ContainerService',
  6: 'managedClusters',
  8: 'namespaces',
};
const LEVEL_BY_SEGMENT_COUNT: Readonly<Record<number, ScopeLevel>> = {
  2: 'subscription',
  4: 'resourceGroup',
  8: 'cluster',
  10: 'namespace',
};

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** Parses `tenant` or `/subscriptions/{s}[/resourceGroups/{rg}[/providers/Microsoft.ContainerService/managedClusters/{c}[/namespaces/{ns}]]]`. */
export function parseScope(input: unknown): Scope {
  if (typeof input !== 'string') throw new InvalidScopeError('not_a_string', 'scope must be a string');
  if (input.length === 0) throw new InvalidScopeError('empty', 'scope must not be empty');
  if (input.length > MAX_SCOPE_LENGTH) {
    throw new InvalidScopeError('too_long', `scope must be at most ${MAX_SCOPE_LENGTH} characters`);
  }
  if (input.toLowerCase() === TENANT_SCOPE_ID) return TENANT_SCOPE;
  if (!input.startsWith('/')) {
    throw new InvalidScopeError('not_absolute', "scope must be 'tenant' or start with '/subscriptions/'");
  }
  const segments = input.slice(1).split('/');
  checkSegments(segments);
  return buildScope(segments);
}

export type ScopeParseResult = { ok: true; scope: Scope } | { ok: false; error: InvalidScopeError };

export function tryParseScope(input: unknown): ScopeParseResult {
  try {
    return { ok: true, scope: parseScope(input) };
  } catch (error) {
    if (error instanceof InvalidScopeError) return { ok: false, error };
    throw error;
  }
}

/** True when `outer` is `inner` or one of its ancestors (tenant covers everything). */
export function scopeCovers(outer: Scope, inner: Scope): boolean {
  return outer.key.length <= inner.key.length && outer.key.every((name, index) => inner.key[index] === name);
}

export function sameScope(a: Scope, b: Scope): boolean {
  return a.key.length === b.key.length && scopeCovers(a, b);
}

function checkSegments(segments: string[]): void {
  if (segments.some((segment) => segment.length === 0)) {
    throw new InvalidScopeError(
      'empty_segment',
      "scope must not contain empty segments ('//' or a trailing '/')",
    );
  }
  if (segments.length > 10) {
    throw new InvalidScopeError('trailing_segments', 'scope has segments after the namespace name');
  }
  segments.forEach((segment, index) => {
    const keyword = KEYWORDS[index];
    if (keyword !== undefined && segment.toLowerCase() !== keyword.toLowerCase()) {
      throw new InvalidScopeError(
        'unexpected_segment',
        `scope segment ${index + 1} must be '${keyword}', got '${truncate(segment)}'`,
      );
    }
  });
  if (LEVEL_BY_SEGMENT_COUNT[segments.length] === undefined) {
    // Every other length ends on a keyword (segments alternate keyword/name, with one keyword pair).
    const lastSegment = segments[segments.length - 1] ?? '';
    throw new InvalidScopeError('missing_name', `scope is incomplete after '${truncate(lastSegment)}'`);
  }
}

function buildScope(segments: string[]): Scope {
  const [, subscriptionId = '', , resourceGroup, , , , clusterName, , namespace] = segments;
  const level = LEVEL_BY_SEGMENT_COUNT[segments.length] ?? 'subscription';
  checkName(subscriptionId, isGuid, 'invalid_subscription_id', 'subscription id must be a GUID');
  let id = `/subscriptions/${subscriptionId.toLowerCase()}`;
  const scope: { -readonly [K in keyof Scope]: Scope[K] } = {
    level,
    id,
    key: [subscriptionId.toLowerCase()],
    subscriptionId: subscriptionId.toLowerCase(),
  };
  if (resourceGroup !== undefined) {
    checkName(
      resourceGroup,
      isResourceGroupName,
      'invalid_resource_group',
      'resource group name is not valid',
    );
    id += `/resourceGroups/${resourceGroup}`;
    scope.resourceGroup = resourceGroup;
  }
  if (clusterName !== undefined) {
    checkName(
      clusterName,
      (name) => CLUSTER_NAME.test(name),
      'invalid_cluster_name',
      'cluster name is not valid',
    );
    id += `/providers/Microsoft.ContainerService/managedClusters/${clusterName}`;
    scope.clusterName = clusterName;
  }
  if (namespace !== undefined) {
    checkName(
      namespace,
      (name) => NAMESPACE.test(name),
      'invalid_namespace',
      'namespace is not a DNS-1123 label',
    );
    id += `/namespaces/${namespace.toLowerCase()}`;
    scope.namespace = namespace.toLowerCase();
  }
  scope.id = id;
  scope.key = [subscriptionId, resourceGroup, clusterName, namespace]
    .filter((name): name is string => name !== undefined)
    .map((name) => name.toLowerCase());
  return scope;
}

function isResourceGroupName(name: string): boolean {
  return RESOURCE_GROUP.test(name) && !name.endsWith('.');
}

function checkName(
  name: string,
  isValid: (name: string) => boolean,
  problem:
    'invalid_subscription_id' | 'invalid_resource_group' | 'invalid_cluster_name' | 'invalid_namespace',
  description: string,
): void {
  if (!isValid(name)) throw new InvalidScopeError(problem, `${description}: '${truncate(name)}'`);
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
