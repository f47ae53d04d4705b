import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clusterPatchSchema, clusterSpecSchema } from '../../../shared/domain/fleet/clusterSpec';
import { nodePoolPatchSchema, nodePoolPutSchema } from '../../../shared/domain/fleet/nodePoolSpec';
import { guardrailsSchema } from '../../../shared/domain/fleet/guardrailsSchema';
import {
  isSharedResource,
  locateResource,
  RESOURCE_REFERENCE_PATHS,
  resourceReferencesOf,
} from '../../../shared/domain/fleet/resourceReferences';

const SUB_A = '0a000000-0000-4000-8000-00000000000a';
const SUB_B = '0b000000-0000-4000-8000-00000000000b';
const subnet = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks`;

/** Paths of every string property whose schema carries the ARM resource id pattern (`/subscriptions/…/providers/…`). */
function armIdPaths(schema: z.ZodType): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.pattern === 'string' && record.pattern.includes('subscriptions') && record.pattern.includes('providers')) found.push(path);
    for (const [key, value] of Object.entries(record)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const [name, child] of Object.entries(value)) walk(child, path === '' ? name : `${path}.${name}`);
      } else if (Array.isArray(value)) value.forEach((child) => walk(child, path));
      else if (key !== 'properties' && typeof value === 'object') walk(value, path);
    }
  };
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), '');
  return [...new Set(found)].sort();
}

describe('resource references in request bodies', () => {
  it('every ARM id field of the cluster and node pool schemas is a checked reference (a new one fails here)', () => {
    expect(armIdPaths(clusterSpecSchema)).toEqual([...RESOURCE_REFERENCE_PATHS].sort());
    expect(armIdPaths(clusterPatchSchema)).toEqual([...RESOURCE_REFERENCE_PATHS].sort());
    expect(armIdPaths(nodePoolPutSchema)).toEqual([]);
    expect(armIdPaths(nodePoolPatchSchema)).toEqual([]);
  });

  it('lists the references a body names, with their paths', () => {
    const workspace = `/subscriptions/${SUB_B}/resourceGroups/rg-mon/providers/Microsoft.OperationalInsights/workspaces/w`;
    const identity = `/subscriptions/${SUB_B}/resourceGroups/rg-id/providers/Microsoft.ManagedIdentity/userAssignedIdentities/i`;
    expect(
      resourceReferencesOf({
        network: { subnetId: subnet(SUB_B, 'rg-net') },
        monitoring: { logAnalyticsWorkspaceId: workspace },
        identity: { type: 'UserAssigned', userAssignedIdentityId: identity },
      }),
    ).toEqual([
      { path: 'network.subnetId', id: subnet(SUB_B, 'rg-net') },
      { path: 'monitoring.logAnalyticsWorkspaceId', id: workspace },
      { path: 'identity.userAssignedIdentityId', id: identity },
    ]);
    expect(resourceReferencesOf({ monitoring: null, identity: { type: 'SystemAssigned' } })).toEqual([]);
  });

  it.each([
    [subnet(SUB_A, 'rg-a'), `/subscriptions/${SUB_A}/resourceGroups/rg-a`],
    [`/SUBSCRIPTIONS/${SUB_A.toUpperCase()}/resourcegroups/RG-A/providers/Microsoft.Network/virtualNetworks/v/subnets/s`, `/subscriptions/${SUB_A.toUpperCase()}/resourceGroups/RG-A`],
  ])('locates %s in its resource group', (id, scope) => {
    expect(locateResource(id)?.resourceGroupScope).toBe(scope);
  });

  it.each([
    `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/x/../../../subscriptions/${SUB_B}`,
    `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks/v/subnets/s/`,
    `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers//virtualNetworks/v`,
    `/subscriptions/${SUB_A}/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworks`,
    `/subscriptions/${SUB_A}/resourceGroups/rg%2Fa/providers/Microsoft.Network/virtualNetworks/v`,
    `/subscriptions/${SUB_A}/resourceGroups/./providers/Microsoft.Network/virtualNetworks/v`,
    `/subscriptions/${SUB_A}/providers/Microsoft.Network/virtualNetworks/v`,
  ])('refuses to locate %s', (id) => {
    expect(locateResource(id)).toBeUndefined();
  });

  it('a shared scope covers its resources segment-wise and case-insensitively, never by string prefix', () => {
    const resource = locateResource(subnet(SUB_B, 'rg-network'))!;
    expect(isSharedResource(resource, [`/subscriptions/${SUB_B}`])).toBe(true);
    expect(isSharedResource(resource, [`/Subscriptions/${SUB_B.toUpperCase()}/ResourceGroups/RG-NETWORK`])).toBe(true);
    expect(isSharedResource(resource, [`/subscriptions/${SUB_B}/resourceGroups/rg-net`])).toBe(false);
    expect(isSharedResource(resource, [`/subscriptions/${SUB_A}`])).toBe(false);
    expect(isSharedResource(resource, undefined)).toBe(false);
  });

  it('the guardrails take at most 50 subscription or resource-group scopes', () => {
    expect(guardrailsSchema.safeParse({ sharedResourceScopes: [`/subscriptions/${SUB_B}/resourceGroups/rg-network`, `/subscriptions/${SUB_A}`] }).success).toBe(true);
    expect(guardrailsSchema.safeParse({ sharedResourceScopes: [subnet(SUB_B, 'rg')] }).success).toBe(false);
    expect(guardrailsSchema.safeParse({ sharedResourceScopes: ['tenant'] }).success).toBe(false);
    expect(guardrailsSchema.safeParse({ sharedResourceScopes: Array.from({ length: 51 }, () => `/subscriptions/${SUB_A}`) }).success).toBe(false);
  });
});
