import { describe, expect, it } from 'vitest';
import {
  InvalidScopeError,
  parseScope,
  sameScope,
  scopeCovers,
  tryParseScope,
} from '../../../shared/domain/access';
import { scopes, SUB_A } from './fixtures';

const CLUSTER_PATH = '/providers/Microsoft.ContainerService/managedClusters';

describe('parseScope accepts', () => {
  it.each([
    ['tenant', 'tenant', 'tenant'],
    ['TENANT', 'tenant', 'tenant'],
    [`/subscriptions/${SUB_A.toUpperCase()}`, 'subscription', `/subscriptions/${SUB_A}`],
    [
      `/SUBSCRIPTIONS/${SUB_A}/resourcegroups/RG-Prod`,
      'resourceGroup',
      `/subscriptions/${SUB_A}/resourceGroups/RG-Prod`,
    ],
    [
      `/subscriptions/${SUB_A}/resourceGroups/my.rg(1)`,
      'resourceGroup',
      `/subscriptions/${SUB_A}/resourceGroups/my.rg(1)`,
    ],
    [
      `/subscriptions/${SUB_A}/resourceGroups/rg/PROVIDERS/microsoft.containerservice/MANAGEDCLUSTERS/Aks_1`,
      'cluster',
      `/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/Aks_1`,
    ],
    [
      `/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/a/Namespaces/Team-A`,
      'namespace',
      `/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/a/namespaces/team-a`,
    ],
  ])('%s as a %s scope with canonical id', (input, level, id) => {
    const scope = parseScope(input);
    expect(scope.level).toBe(level);
    expect(scope.id).toBe(id);
    expect(parseScope(scope.id).key).toEqual(scope.key);
  });
});

describe('parseScope rejects, naming the problem', () => {
  it.each([
    [42, 'not_a_string'],
    ['', 'empty'],
    [`/subscriptions/${SUB_A}/resourceGroups/${'r'.repeat(1100)}`, 'too_long'],
    [`subscriptions/${SUB_A}`, 'not_absolute'],
    ['tenants', 'not_absolute'],
    [`/subscriptions/${SUB_A}/`, 'empty_segment'],
    [`/subscriptions//${SUB_A}`, 'empty_segment'],
    ['/', 'empty_segment'],
    ['/subscriptions', 'missing_name'],
    [`/subscriptions/${SUB_A}/resourceGroups`, 'missing_name'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg/providers`, 'missing_name'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}`, 'missing_name'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/c/namespaces`, 'missing_name'],
    [`/subscription/${SUB_A}`, 'unexpected_segment'],
    [`/subscriptions/${SUB_A}/resourceGroupz/rg`, 'unexpected_segment'],
    [
      `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm`,
      'unexpected_segment',
    ],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/c/namespaces/ns/pods/p`, 'trailing_segments'],
    ['/subscriptions/not-a-guid', 'invalid_subscription_id'],
    [`/subscriptions/${SUB_A}/resourceGroups/..`, 'invalid_resource_group'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg.`, 'invalid_resource_group'],
    [`/subscriptions/${SUB_A}/resourceGroups/r%2Fg`, 'invalid_resource_group'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/..`, 'invalid_cluster_name'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/-bad`, 'invalid_cluster_name'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/${'c'.repeat(64)}`, 'invalid_cluster_name'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/c/namespaces/team_a`, 'invalid_namespace'],
    [`/subscriptions/${SUB_A}/resourceGroups/rg${CLUSTER_PATH}/c/namespaces/-a`, 'invalid_namespace'],
  ])('%j → %s', (input, problem) => {
    const result = tryParseScope(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(InvalidScopeError);
      expect(result.error.problem).toBe(problem);
      expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(() => parseScope(input)).toThrow(InvalidScopeError);
  });
});

describe('scopeCovers (case-insensitive, segment-wise prefix)', () => {
  it.each([
    [scopes.tenant, scopes.nsA, true],
    [scopes.tenant, scopes.tenant, true],
    [scopes.subA, scopes.clusterA, true],
    [scopes.subA, scopes.subA.toUpperCase(), true],
    [scopes.rgA, scopes.nsA, true],
    [scopes.clusterA, scopes.nsA, true],
    [scopes.nsA, scopes.nsA, true],
    [scopes.nsA, scopes.clusterA, false],
    [scopes.nsA, scopes.nsA2, false],
    [scopes.clusterA, scopes.clusterA2, false],
    [scopes.rgA, scopes.rgA2, false],
    [scopes.subA, scopes.subB, false],
    [scopes.subA, scopes.clusterB, false],
    [scopes.clusterA, scopes.tenant, false],
    // A string prefix that is not a segment prefix: rg-prod must not cover rg-prod2.
    [scopes.rgA, `${scopes.rgA}2`, false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(scopeCovers(parseScope(outer), parseScope(inner))).toBe(expected);
  });

  it('treats case variants as the same scope', () => {
    expect(sameScope(parseScope(scopes.nsA), parseScope(scopes.nsA.toUpperCase()))).toBe(true);
    expect(sameScope(parseScope(scopes.nsA), parseScope(scopes.clusterA))).toBe(false);
  });
});
